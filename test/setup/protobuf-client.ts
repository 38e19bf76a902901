// A bare `ws` client for the protobuf subprotocols, encoding and decoding with protobufjs from the
// same descriptor the emulator uses, so tests read frames as plain objects with snake_case fields.
import { Root } from 'protobufjs';
import type WebSocket from 'ws';

import { PROTOBUF_DESCRIPTOR, PROTOBUF_TYPES } from '../../packages/wire/src';
import type { RecordingClient } from './ws-client';
import { openClient } from './ws-client';

const root = Root.fromJSON(PROTOBUF_DESCRIPTOR);
export const UpstreamMessage = root.lookupType(PROTOBUF_TYPES.upstream);
export const DownstreamMessage = root.lookupType(PROTOBUF_TYPES.downstream);
export const AnyMessage = root.lookupType(PROTOBUF_TYPES.any);

/** A decoded DownstreamMessage: `message` names the case that is set (oneofs: true). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Down = { message: string } & Record<string, any>;

export function encodeUp(message: object): Buffer {
  return Buffer.from(UpstreamMessage.encode(UpstreamMessage.fromObject(message)).finish());
}

export function decodeDown(frame: Buffer): Down {
  const object = DownstreamMessage.toObject(DownstreamMessage.decode(frame), {
    longs: Number,
    oneofs: true,
  });
  return withoutSyntheticOneofs(object) as Down;
}

/** protobufjs names each proto3 `optional` field's presence as a `_field` oneof: not data. */
function withoutSyntheticOneofs(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !k.startsWith('_'))
      .map(([k, v]) => [k, withoutSyntheticOneofs(v)]),
  );
}

export interface ProtobufClient {
  ws: WebSocket;
  raw: RecordingClient;
  send(message: object): void;
  /** The next not-yet-taken downstream message of case `kind` (e.g. `ack_message`) matching. */
  next(kind: string, predicate?: (m: Down) => boolean): Promise<Down>;
  closed: RecordingClient['closed'];
}

export async function openProtobufClient(url: string, protocol: string): Promise<ProtobufClient> {
  const raw = await openClient(url, protocol);
  const matches = (kind: string, predicate: (m: Down) => boolean) => (f: unknown) => {
    if (!Buffer.isBuffer(f)) return false;
    const m = decodeDown(f);
    return m.message === kind && predicate(m);
  };
  return {
    ws: raw.ws,
    raw,
    closed: raw.closed,
    send: (m) => raw.ws.send(encodeUp(m)),
    next: async (kind, predicate = () => true) =>
      decodeDown(await raw.next<Buffer>(matches(kind, predicate))),
  };
}
