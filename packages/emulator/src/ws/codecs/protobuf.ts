// protobuf.webpubsub.azure.v1: binary frames both ways (UpstreamMessage / DownstreamMessage).
import { encodeControl, protobufFrame } from '../protobuf-codec';
import { parseProtobufClientFrame } from '../protobuf-frames';
import type { SubprotocolCodec } from './codec';

export const protobufCodec: SubprotocolCodec = {
  kind: 'protobuf',
  reliable: false,
  parse: parseProtobufClientFrame,
  encodeData: (msg) => protobufFrame(msg),
  dataIsBinary: () => true,
  encodeControl,
  controlIsBinary: true,
};
