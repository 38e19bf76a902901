// The codec of each subprotocol the service speaks; any other subprotocol makes a raw client.
import {
  JSON_RELIABLE_SUBPROTOCOL,
  JSON_SUBPROTOCOL,
  PROTOBUF_RELIABLE_SUBPROTOCOL,
  PROTOBUF_SUBPROTOCOL,
} from '@wps-local/wire';

import type { SubprotocolCodec } from './codec';
import { jsonCodec } from './json';
import { jsonReliableCodec } from './json-reliable';
import { protobufCodec } from './protobuf';
import { protobufReliableCodec } from './protobuf-reliable';
import { rawCodec } from './raw';

const BY_SUBPROTOCOL = new Map<string, SubprotocolCodec>([
  [JSON_SUBPROTOCOL, jsonCodec],
  [JSON_RELIABLE_SUBPROTOCOL, jsonReliableCodec],
  [PROTOBUF_SUBPROTOCOL, protobufCodec],
  [PROTOBUF_RELIABLE_SUBPROTOCOL, protobufReliableCodec],
]);

export function codecFor(subprotocol: string | null | undefined): SubprotocolCodec {
  return (subprotocol && BY_SUBPROTOCOL.get(subprotocol)) || rawCodec;
}
