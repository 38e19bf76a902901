// MQTT peers for contract tests: the real `mqtt` npm client against the emulator's MQTT endpoint
// (URLs minted by @azure/web-pubsub's getClientAccessToken({ clientProtocol: 'mqtt' })) with an
// inbox to await, and a bare WebSocket speaking mqtt-packet for what a well-behaved client never
// sends. Nothing here sleeps: every wait is on a packet or an event.
import { once } from 'node:events';

import type { GenerateClientTokenOptions, WebPubSubServiceClient } from '@azure/web-pubsub';
import type { IClientOptions, IConnackPacket, IPublishPacket, MqttClient, Packet } from 'mqtt';
import mqtt from 'mqtt';
import type { Packet as WirePacket } from 'mqtt-packet';
import { generate, parser } from 'mqtt-packet';
import WebSocket from 'ws';

export type MqttVersion = 4 | 5;
export const VERSIONS: readonly MqttVersion[] = [5, 4];

let ids = 0;
/** Client ids are 1..128 of [0-9a-zA-Z] on the service. */
export function clientId(prefix = 'dev'): string {
  return `${prefix}${process.pid}x${++ids}`;
}

export async function mqttUrl(
  service: WebPubSubServiceClient,
  options: Omit<GenerateClientTokenOptions, 'clientProtocol'> = {},
): Promise<string> {
  return (await service.getClientAccessToken({ ...options, clientProtocol: 'mqtt' })).url;
}

export interface Received {
  topic: string;
  payload: Buffer;
  packet: IPublishPacket;
}

/** A waitable list: `next` takes the first unread item matching, waiting for it if needed. */
export class Inbox<T> {
  readonly all: T[] = [];
  private readonly unread: T[] = [];
  private readonly waiters: { pred: (x: T) => boolean; resolve: (x: T) => void }[] = [];

  push(item: T): void {
    this.all.push(item);
    const i = this.waiters.findIndex((w) => w.pred(item));
    if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(item);
    else this.unread.push(item);
  }

  next(pred: (x: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
    const i = this.unread.findIndex(pred);
    if (i >= 0) return Promise.resolve(this.unread.splice(i, 1)[0]!);
    return new Promise((resolve, reject) => {
      const waiter: { pred: (x: T) => boolean; resolve: (x: T) => void } = { pred, resolve };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`nothing matching arrived in ${timeoutMs} ms`));
      }, timeoutMs);
      waiter.resolve = (x) => {
        clearTimeout(timer);
        resolve(x);
      };
      this.waiters.push(waiter);
    });
  }
}

export interface MqttPeer {
  client: MqttClient;
  clientId: string;
  connack: IConnackPacket;
  messages: Inbox<Received>;
  /** Every packet the client received (CONNACK, SUBACK, PUBACK, DISCONNECT...). */
  packets: Inbox<Packet>;
  /** Resolves when the socket closes. */
  closed: Promise<void>;
}

export interface ConnectOutcome {
  connack: IConnackPacket | undefined;
  peer: MqttPeer | undefined;
}

/** Connects and waits for the CONNACK, or for the connection to close without one. */
export async function tryConnect(
  url: string,
  version: MqttVersion,
  options: IClientOptions = {},
): Promise<ConnectOutcome> {
  const id = options.clientId ?? clientId();
  const client = mqtt.connect(url, {
    protocolVersion: version,
    clientId: id,
    reconnectPeriod: 0,
    connectTimeout: 5000,
    ...options,
  });
  const messages = new Inbox<Received>();
  const packets = new Inbox<Packet>();
  client.on('message', (topic, payload, packet) => messages.push({ topic, payload, packet }));
  client.on('packetreceive', (p) => packets.push(p));
  client.on('error', () => undefined); // refusals are read from the CONNACK
  // Not events.once: it rejects on 'error', and a refused CONNACK is an error to mqtt.js.
  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
  await Promise.race([new Promise((resolve) => client.once('connect', resolve)), closed]);
  const connack = packets.all.find((p): p is IConnackPacket => p.cmd === 'connack');
  if (!client.connected) {
    client.end(true);
    return { connack, peer: undefined };
  }
  return { connack, peer: { client, clientId: id, connack: connack!, messages, packets, closed } };
}

/** A client that must connect. */
export async function connectMqtt(
  url: string,
  version: MqttVersion,
  options: IClientOptions = {},
): Promise<MqttPeer> {
  const { peer, connack } = await tryConnect(url, version, options);
  if (!peer) throw new Error(`the MQTT connection was refused: ${JSON.stringify(connack)}`);
  return peer;
}

/** The CONNACK reason (5.0) or return (3.1.1) code. */
export function connackCode(connack: IConnackPacket | undefined): number | undefined {
  return connack?.reasonCode ?? connack?.returnCode;
}

export interface RawMqtt {
  ws: WebSocket;
  packets: Inbox<WirePacket>;
  send(packet: WirePacket | Buffer, isBinary?: boolean): void;
  closed: Promise<{ code: number }>;
}

/** A bare WebSocket with subprotocol `mqtt`: packets are built and read with mqtt-packet. */
export async function openRawMqtt(url: string, version: MqttVersion = 5): Promise<RawMqtt> {
  const ws = new WebSocket(url, ['mqtt']);
  const packets = new Inbox<WirePacket>();
  const p = parser({ protocolVersion: version });
  p.on('packet', (packet: WirePacket) => packets.push(packet));
  ws.on('message', (data: Buffer) => p.parse(data));
  const closed = new Promise<{ code: number }>((resolve) =>
    ws.once('close', (code) => resolve({ code })),
  );
  await once(ws, 'open');
  return {
    ws,
    packets,
    closed,
    send: (packet, isBinary = true) =>
      ws.send(Buffer.isBuffer(packet) ? packet : generate(packet, { protocolVersion: version }), {
        binary: isBinary,
      }),
  };
}

/** CONNECT for a raw client. */
export function connectPacket(id: string, version: MqttVersion, keepalive = 60): WirePacket {
  return { cmd: 'connect', clientId: id, protocolVersion: version, clean: true, keepalive };
}

export async function endAll(...peers: (MqttPeer | undefined)[]): Promise<void> {
  await Promise.all(peers.map(async (p) => p && (await p.client.endAsync(true))));
}
