// protobuf.reliable.webpubsub.azure.v1: as protobuf, and each DataMessage carries its recipient's
// sequence id between the shared encoded parts of the body.
import { encodeControl, protobufReliableFrame } from '../protobuf-codec';
import { parseProtobufClientFrame } from '../protobuf-frames';
import type { SubprotocolCodec } from './codec';

export const protobufReliableCodec: SubprotocolCodec = {
  kind: 'protobufReliable',
  reliable: true,
  parse: parseProtobufClientFrame,
  encodeData: (msg, sequenceId) => protobufReliableFrame(msg, sequenceId ?? 0),
  dataIsBinary: () => true,
  encodeControl,
  controlIsBinary: true,
};
