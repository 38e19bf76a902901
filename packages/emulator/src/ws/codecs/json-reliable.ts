// json.reliable.webpubsub.azure.v1: as json, and each data frame carries its recipient's sequence
// id; the shared envelope prefix is encoded once, only `,"sequenceId":N}` is per recipient.
import type { SubprotocolCodec } from './codec';
import { encodeJsonControl, reliablePrefix, sequenceSuffix } from './json-envelope';
import { parseJsonClientFrame } from './json-requests';

export const jsonReliableCodec: SubprotocolCodec = {
  kind: 'jsonReliable',
  reliable: true,
  parse: parseJsonClientFrame,
  encodeData: (msg, sequenceId) =>
    Buffer.concat([reliablePrefix(msg), sequenceSuffix(sequenceId ?? 0)]),
  dataIsBinary: () => false,
  encodeControl: encodeJsonControl,
  controlIsBinary: false,
};
