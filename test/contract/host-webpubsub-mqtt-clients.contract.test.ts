// Real MQTT clients (the `mqtt` package, 5.0 and 3.1.1) through the emulator's MQTT endpoint to the
// offline host's `clientProtocols: 'mqtt'` functions (test/fixtures/host-app/functions/webpubsub-mqtt.js):
// the CONNECT packet's fields reach the function as the extension's `request.mqtt`, its answer
// reaches the client as the CONNACK (user properties, refusal codes), and the session's
// `connected` and `disconnected` carry the session id and the MQTT disconnection.
import type { IClientOptions, IConnackPacket, MqttClient } from 'mqtt';
import { connect } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';

import { eventually } from '../setup/eventually';
import type { LogEntry } from '../setup/wps-host';
import { useWpsStack } from '../setup/wps-host';

const stack = useWpsStack();
const clients: MqttClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.end(true);
});

let count = 0;
/** MQTT client ids are letters and digits only. */
const clientId = () => `dev${process.pid}x${++count}`;

interface Outcome {
  client: MqttClient;
  connack?: IConnackPacket;
  error?: Error & { code?: number };
}

/** Connects through the app's MQTT negotiate route; resolves with the CONNACK either way. */
async function open(options: IClientOptions): Promise<Outcome> {
  const { url } = await stack.negotiate('wps/negotiate-mqtt');
  const client = connect(url, { reconnectPeriod: 0, clean: true, ...options });
  clients.push(client);
  return new Promise((resolve) => {
    let connack: IConnackPacket | undefined;
    client.on('packetreceive', (p) => {
      if (p.cmd === 'connack') connack = p;
    });
    client.once('connect', (packet) => resolve({ client, connack: packet }));
    client.once('error', (error) => resolve({ client, connack, error }));
  });
}

const entry = async (connectionId: string, event: string) => {
  let found: LogEntry | undefined;
  await eventually(
    async () => !!(found = (await stack.log(connectionId)).find((e) => e.event === event)),
    `${event} of ${connectionId}`,
  );
  return found as LogEntry & { request: Record<string, unknown> };
};

describe('MQTT clients through the emulator and the host', () => {
  it('hands the CONNECT packet to the function and its answer to the CONNACK (MQTT 5.0)', async () => {
    const id = clientId();
    const { connack, error } = await open({
      clientId: id,
      protocolVersion: 5,
      username: 'meter',
      password: Buffer.from('pw'),
      properties: { userProperties: { model: 'T-1000' } },
    });
    expect(error).toBeUndefined();
    expect({ ...connack?.properties?.userProperties }).toEqual({ greeting: `hello ${id}` });
    const { request } = await entry(id, 'mqtt-connect');
    expect(request.mqtt).toEqual({
      protocolVersion: 5,
      username: 'meter',
      password: Buffer.from('pw').toString('base64'),
      userProperties: [{ name: 'model', value: 'T-1000' }],
    });
    expect(request.subprotocols).toEqual(['mqtt']);
    expect(request.connectionContext).toMatchObject({
      connectionId: id,
      physicalConnectionId: expect.any(String),
      sessionId: null,
    });
    // The user the function chose is the session's.
    const connected = await entry(id, 'mqtt-connected');
    expect(connected.request.connectionContext).toMatchObject({
      userId: 'meter',
      sessionId: expect.any(String),
    });
  });

  it('reports how the session ended: a DISCONNECT with its reason code and string', async () => {
    const id = clientId();
    const { client } = await open({ clientId: id, protocolVersion: 5, username: 'meter' });
    const { request: connected } = await entry(id, 'mqtt-connected');
    await client.endAsync(false, { reasonCode: 0x04, properties: { reasonString: 'update' } });
    const { request } = await entry(id, 'mqtt-disconnected');
    expect(request.reason).toBe('update');
    expect(request.mqtt).toEqual({
      initiatedByClient: true,
      disconnectPacket: { code: 0x04, userProperties: null },
    });
    const session = (connected.connectionContext as { sessionId: string }).sessionId;
    expect(request.connectionContext).toMatchObject({ sessionId: session });
  });

  it('reports a dropped MQTT 3.1.1 connection as not initiated by the client', async () => {
    const id = clientId();
    const { client } = await open({ clientId: id, protocolVersion: 4 });
    await entry(id, 'mqtt-connected');
    client.end(true); // no DISCONNECT packet
    const { request } = await entry(id, 'mqtt-disconnected');
    expect(request.mqtt).toEqual({ initiatedByClient: false, disconnectPacket: null });
  });

  it("answers an MQTT client's request to the upstream with the function's reply", async () => {
    const id = clientId();
    const { client } = await open({ clientId: id, protocolVersion: 5, username: 'meter' });
    const { request: connected } = await entry(id, 'mqtt-connected');
    const reply = new Promise<{ topic: string; body: string; type?: string }>((resolve) =>
      client.on('message', (topic, payload, packet) =>
        resolve({ topic, body: payload.toString(), type: packet.properties?.contentType }),
      ),
    );
    await client.publishAsync('$webpubsub/server/events/whoami', 'ping', {
      qos: 1,
      properties: { contentType: 'text/plain' },
    });
    const { topic, body, type } = await reply;
    expect([topic, type]).toEqual([
      '$webpubsub/server/events/whoami/succeeded',
      'application/json',
    ]);
    const seen = JSON.parse(body) as { connectionContext: Record<string, unknown>; data: string };
    expect(seen.data).toBe('ping');
    expect(seen.connectionContext).toMatchObject({
      eventType: 'User',
      eventName: 'whoami',
      userId: 'meter',
      sessionId: (connected.connectionContext as { sessionId: string }).sessionId,
      physicalConnectionId: expect.any(String),
    });
  });

  it('refuses with the MQTT 5.0 reason code and reason string the function returns', async () => {
    const id = clientId();
    const { error, connack } = await open({
      clientId: id,
      protocolVersion: 5,
      username: 'stranger',
    });
    expect(error?.code).toBe(0x87);
    expect(connack?.properties?.reasonString).toBe('unknown device');
    await entry(id, 'mqtt-connect');
    expect((await stack.log(id)).map((e) => e.event)).toEqual(['mqtt-connect']);
    // The host's log line names the CONNACK code, not only the HTTP status.
    await eventually(
      () =>
        stack.host().output().includes(`(connection ${id}): refused with 401 (CONNACK code 135)`),
      'the refusal in the host log',
    );
  });

  it('refuses an MQTT 3.1.1 client with the return code the function returns', async () => {
    const id = clientId();
    const { error } = await open({ clientId: id, protocolVersion: 4, username: 'stranger' });
    expect(error?.code).toBe(5);
    const { request } = await entry(id, 'mqtt-connect');
    expect((request.mqtt as { protocolVersion: number }).protocolVersion).toBe(4);
  });
});
