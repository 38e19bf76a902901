// json.webpubsub.azure.v1: text frames both ways; data frames carry no sequence id.
import type { SubprotocolCodec } from './codec';
import { encodeJsonControl, jsonFrame } from './json-envelope';
import { parseJsonClientFrame } from './json-requests';

export const jsonCodec: SubprotocolCodec = {
  kind: 'json',
  reliable: false,
  parse: parseJsonClientFrame,
  encodeData: (msg) => jsonFrame(msg),
  dataIsBinary: () => false,
  encodeControl: encodeJsonControl,
  controlIsBinary: false,
};
