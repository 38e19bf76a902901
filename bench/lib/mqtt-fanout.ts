// MQTT fan-out through the emulator: N MQTT 5.0 subscribers of one topic (raw `ws` clients that
// CONNECT and SUBSCRIBE at QoS 0 with mqtt-packet), one MQTT publisher sending QoS 1 PUBLISHes
// (100 B) with ≤ 32 in flight, a slot freeing when all N have it and its PUBACK is back: the
// JSON fan-out's shape (sendToGroup with ackId, noEcho) in MQTT.
import { once } from 'node:events';

import type { Packet } from 'mqtt-packet';
import { generate, parser } from 'mqtt-packet';
import WebSocket from 'ws';

import type { BenchContext } from './context';
import { FanoutDriver } from './fanout-driver';
import type { FanoutMeasurement } from './fanout-run';
import { DATA_BYTES, FANOUT_WINDOW, fanoutPlan } from './fanout-run';
import { foreignCpu, MachineCpu } from './machine-cpu';
import { makeData } from './payload';
import { sleep } from './stats';
import { mqttClientUrl, SEND_TO_GROUP_ROLE } from './tokens';

const TOPIC = 'g';
const VERSION = 5;
const PUBLISH = 0x30;
const JOIN_ROLE = 'webpubsub.joinLeaveGroup';

/** Opens an MQTT client: CONNECT, CONNACK, then SUBSCRIBE to the topic (receivers). */
async function openMqtt(url: string, id: string, subscribe: boolean): Promise<WebSocket> {
  const ws = new WebSocket(url, ['mqtt'], { perMessageDeflate: false });
  await once(ws, 'open');
  const p = parser({ protocolVersion: VERSION });
  const packets: Packet[] = [];
  let wake: (() => void) | undefined;
  const onData = (data: Buffer) => p.parse(data);
  p.on('packet', (packet: Packet) => {
    packets.push(packet);
    wake?.();
  });
  ws.on('message', onData);
  const expect = async (cmd: Packet['cmd']) => {
    const deadline = Date.now() + 10_000;
    while (!packets.some((x) => x.cmd === cmd)) {
      if (Date.now() > deadline) throw new Error(`no ${cmd.toUpperCase()} in time`);
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 100);
      });
    }
  };
  const send = (packet: Packet) => ws.send(generate(packet, { protocolVersion: VERSION }));
  send({ cmd: 'connect', clientId: id, protocolVersion: VERSION, clean: true, keepalive: 120 });
  await expect('connack');
  if (subscribe) {
    send({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: TOPIC, qos: 0 }] });
    await expect('suback');
    const suback = packets.find((x) => x.cmd === 'suback');
    if (suback?.granted[0] !== 0) throw new Error(`SUBSCRIBE refused: ${JSON.stringify(suback)}`);
  }
  ws.off('message', onData);
  ws.on('error', () => undefined);
  return ws;
}

async function openMany(n: number, url: string): Promise<WebSocket[]> {
  const out: WebSocket[] = [];
  for (let i = 0; i < n; i += 50) {
    const size = Math.min(50, n - i);
    out.push(
      ...(await Promise.all(
        Array.from({ length: size }, (_, j) => openMqtt(url, `sub${i + j}`, true)),
      )),
    );
  }
  return out;
}

/** A QoS 0 PUBLISH to a subscriber ends with the 100-byte data. */
function publishDataOffset(frame: Buffer): number {
  return (frame[0]! & 0xf0) === PUBLISH && frame.length > DATA_BYTES
    ? frame.length - DATA_BYTES
    : -1;
}

export async function emulatorMqttFanout(ctx: BenchContext, n: number): Promise<FanoutMeasurement> {
  const server = await ctx.start('servers', 'emulator-server');
  const key = server.info.accessKey as string;
  const t0 = Date.now();
  const receivers = await openMany(n, mqttClientUrl(server.port, key, { roles: [JOIN_ROLE] }));
  const publisher = await openMqtt(
    mqttClientUrl(server.port, key, { userId: 'pub', roles: [SEND_TO_GROUP_ROLE] }),
    'pub',
    false,
  );
  const connectMs = Date.now() - t0;
  // Packet ids are 16 bits and reused: the window (32) keeps each id unique while in flight.
  const seqOfId = new Map<number, number>();
  try {
    const driver = new FanoutDriver({
      publisher,
      receivers,
      window: FANOUT_WINDOW,
      needAck: true,
      timeoutMs: 30_000,
      frame: (seq, ts) => {
        const messageId = (seq % 65535) + 1;
        seqOfId.set(messageId, seq);
        return generate(
          {
            cmd: 'publish',
            topic: TOPIC,
            payload: Buffer.from(makeData(seq, ts, DATA_BYTES)),
            qos: 1,
            messageId,
            dup: false,
            retain: false,
          },
          { protocolVersion: VERSION },
        );
      },
      // PUBACK (5.0): 0x40, length, packet id, reason code when not success.
      readAck: (data) => {
        if (data[0] !== 0x40) return undefined;
        const seq = seqOfId.get(data.readUInt16BE(2));
        if (seq === undefined) return undefined;
        return { ackId: seq, success: data[1] === 2 || data[4] === 0 };
      },
      dataOffset: publishDataOffset,
    });
    const plan = fanoutPlan(n);
    await driver.run(plan.warm, false);
    await sleep(200);
    await server.cpuReset();
    const machine = new MachineCpu();
    const r = await driver.run(plan.count, true);
    const busy = machine.read();
    const st = await server.stats();
    return {
      ...r,
      n,
      serverCpuPct: st.cpuPct,
      serverUsPerDelivery: (st.cpuPct / 100) * ((r.seconds * 1e6) / Math.max(1, r.deliveries)),
      serverRssMb: st.rss / 2 ** 20,
      connectMs,
      foreignCpuPct: foreignCpu(busy, st.cpuPct, r.clientCpuPct),
    };
  } finally {
    await ctx.stop(server);
    for (const ws of [...receivers, publisher]) ws.terminate();
  }
}
