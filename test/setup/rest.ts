// REST conformance helpers: the official server SDK against the emulator, WebSocket peers (JSON
// and raw) that know their connection ids, raw key-signed HTTP for bad input, and sentinel
// messages that prove a peer got nothing else — without ever sleeping.
import type { GenerateClientTokenOptions } from '@azure/web-pubsub';
import { WebPubSubServiceClient } from '@azure/web-pubsub';
import type { EmulatorOptions, RunningEmulator } from '@wps-local/emulator';
import jwt from 'jsonwebtoken';
import { afterEach, expect } from 'vitest';

import { TEST_HUB, uniqueName, useEmulator } from './emulator';
import type { Frame, RecordingClient } from './ws-client';
import { openClient } from './ws-client';

export const JSON_V1 = 'json.webpubsub.azure.v1';
export const API_VERSION = '2024-12-01';

let hubs = 0;
/** A hub of its own, for hub-wide operations (sendToAll, closeAllConnections); no `-` allowed. */
export function uniqueHub(): string {
  return `hub_${process.pid}_${++hubs}`;
}

export interface Peer {
  kind: 'json' | 'raw';
  hub: string;
  client: RecordingClient;
  connectionId: string;
  userId: string | undefined;
}

export interface PeerOptions extends Pick<GenerateClientTokenOptions, 'roles' | 'groups'> {
  hub?: string;
  /** A fresh unique user when omitted; `null` for a connection without a user. */
  userId?: string | null;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON (undefined when empty). */
  json: unknown;
}

export interface RawRequest {
  method?: string;
  query?: Record<string, string | string[]>;
  body?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  /** Replaces the Authorization header; `null` sends none. Default: a valid key-signed token. */
  authorization?: string | null;
}

export class RestHarness {
  private readonly peers = new Set<Peer>();

  constructor(readonly emulator: () => RunningEmulator) {}

  /** The official server SDK (plain http needs `allowInsecureConnection`). */
  service(hub: string = TEST_HUB): WebPubSubServiceClient {
    return new WebPubSubServiceClient(this.emulator().connectionString, hub, {
      allowInsecureConnection: true,
    });
  }

  /** A json.webpubsub.azure.v1 client, its id read from the `connected` message. */
  async json(options: PeerOptions = {}): Promise<Peer> {
    const hub = options.hub ?? TEST_HUB;
    const userId = options.userId === undefined ? uniqueName('u') : (options.userId ?? undefined);
    const { url } = await this.service(hub).getClientAccessToken({ ...options, userId });
    const client = await openClient(url, JSON_V1);
    const connected = await client.next((f) => f.type === 'system' && f.event === 'connected');
    expect(connected.userId ?? undefined).toBe(userId);
    return this.track({
      kind: 'json',
      hub,
      client,
      connectionId: String(connected.connectionId),
      userId,
    });
  }

  /** A raw (no subprotocol) client; its id is found by listing a probe group only it is in. */
  async raw(options: PeerOptions = {}): Promise<Peer> {
    const hub = options.hub ?? TEST_HUB;
    const userId = options.userId === undefined ? uniqueName('u') : (options.userId ?? undefined);
    const probe = uniqueName('probe');
    const groups = [...(options.groups ?? []), probe];
    const { url } = await this.service(hub).getClientAccessToken({ ...options, userId, groups });
    const client = await openClient(url);
    expect(client.ws.protocol).toBe('');
    const members = await listAll(this.service(hub), probe);
    expect(members).toHaveLength(1);
    return this.track({ kind: 'raw', hub, client, connectionId: members[0]!.connectionId, userId });
  }

  /** The next data message: a JSON client's `message` frame (parsed), a raw client's next frame. */
  nextData(peer: Peer, timeoutMs?: number): Promise<unknown> {
    return peer.kind === 'json'
      ? peer.client.next((f: Frame) => f.type === 'message', timeoutMs)
      : peer.client.next(() => true, timeoutMs);
  }

  /**
   * Proves `peer` received no data message since its last one: a sentinel sent to its connection
   * now must be the very next data message it gets (messages to one connection stay in order).
   * Also proves the emulator still serves the SDK.
   */
  async expectSilence(...peers: Peer[]): Promise<void> {
    for (const peer of peers) {
      const sentinel = uniqueName('sentinel');
      await this.service(peer.hub).sendToConnection(peer.connectionId, sentinel, {
        contentType: 'text/plain',
      });
      expect(await this.nextData(peer)).toEqual(
        peer.kind === 'json' ? serverMessage('text', sentinel) : sentinel,
      );
    }
  }

  /** A raw HTTP request, signed like the SDK does (aud = the full request URL) unless told not to. */
  async request(path: string, req: RawRequest = {}): Promise<RawResponse> {
    const url = new URL(path, this.emulator().url);
    url.searchParams.set('api-version', API_VERSION);
    for (const [k, v] of Object.entries(req.query ?? {})) {
      for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, item);
    }
    const headers: Record<string, string> = { ...req.headers };
    const auth =
      req.authorization === undefined ? `Bearer ${this.sign(url.href)}` : req.authorization;
    if (auth !== null) headers.authorization = auth;
    if (req.contentType) headers['content-type'] = req.contentType;
    const res = await fetch(url, { method: req.method ?? 'GET', headers, body: req.body });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  /** A REST token as the SDK signs it; `options` may override audience, expiry or the key. */
  sign(audience: string, options: jwt.SignOptions & { key?: string } = {}): string {
    const { key = this.emulator().accessKey, ...signOptions } = options;
    return jwt.sign({}, key, { audience, expiresIn: '1h', algorithm: 'HS256', ...signOptions });
  }

  async closePeers(): Promise<void> {
    const all = [...this.peers];
    this.peers.clear();
    for (const p of all) p.client.ws.terminate();
    await Promise.all(all.map((p) => p.client.closed));
  }

  private track(peer: Peer): Peer {
    this.peers.add(peer);
    return peer;
  }
}

/** An emulator for this file plus a harness; peers are closed after every test. */
export function useRestHarness(options?: EmulatorOptions): RestHarness {
  const harness = new RestHarness(useEmulator(options));
  afterEach(() => harness.closePeers());
  return harness;
}

/** The frame a JSON client gets for a REST send to a group: a group message with no sender. */
export function groupMessage(group: string, dataType: string, data: unknown): Frame {
  return { type: 'message', from: 'group', group, dataType, data };
}

/** The frame a JSON client gets for a REST-originated message. */
export function serverMessage(dataType: string, data: unknown): Frame {
  return { type: 'message', from: 'server', dataType, data };
}

/** Every member of a group, following the SDK's paging. */
export async function listAll(
  service: WebPubSubServiceClient,
  group: string,
): Promise<{ connectionId: string; userId?: string }[]> {
  const out: { connectionId: string; userId?: string }[] = [];
  for await (const m of await service.group(group).listConnections()) out.push(m);
  return out;
}

/** The error body of the service: `{code, message, target}` and a matching `x-ms-error-code`. */
export function expectServiceError(res: RawResponse, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('x-ms-error-code')).toBe(code);
  expect(res.json).toMatchObject({ code, message: expect.any(String) });
}
