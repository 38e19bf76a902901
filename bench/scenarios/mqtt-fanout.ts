// MQTT: topic fan-out through the emulator's MQTT endpoint next to P1's JSON-subprotocol fan-out,
// both measured in this run: N ∈ {100, 1000} subscribers, one publisher, 100 B, window 32, each
// message done when all N have it and its ack (PUBACK / `ack`) is back. Target: ≥ 0.7× JSON.
import { emulatorFanout } from '../lib/fanout-run';
import { emulatorMqttFanout } from '../lib/mqtt-fanout';
import type { Row } from '../lib/rows';
import { cpuOf } from '../lib/rows';
import type { Scenario, ScenarioOutput } from '../lib/scenario';
import { fanoutFlags, SIZES } from './p1-fanout';

export const mqttFanout: Scenario = {
  id: 'MQTT',
  title: 'Topic fan-out to MQTT 5.0 subscribers (QoS 1 publish, 100 B, window 32) vs JSON fan-out',
  budgetMs: 180_000,
  async run(ctx): Promise<ScenarioOutput> {
    const rows: Row[] = [];
    const raw: Record<string, unknown> = {};
    for (const n of SIZES) {
      const json = await emulatorFanout(ctx, n);
      const mqtt = await emulatorMqttFanout(ctx, n);
      raw[`N=${n}`] = { mqtt, json };
      const scenario = `MQTT N=${n}`;
      rows.push(
        {
          scenario,
          metric: 'deliveries/s',
          unit: '/s',
          emulator: mqtt.deliveriesPerSec,
          floor: json.deliveriesPerSec,
          check: { kind: 'ratio>=', value: 0.7 },
          flags: fanoutFlags(mqtt, json),
          cpu: cpuOf(mqtt, json),
        },
        {
          scenario,
          metric: 'server CPU/delivery',
          unit: 'µs',
          emulator: mqtt.serverUsPerDelivery,
          floor: json.serverUsPerDelivery,
          check: { kind: 'info' },
        },
      );
    }
    return {
      rows,
      raw,
      notes: [
        'The "floor" column is the emulator itself with json.webpubsub.azure.v1 clients (P1\'s emulator side), not a raw relay.',
        'MQTT subscribers are granted QoS 0 (no PUBACK per delivery); the publisher waits for its PUBACK as the JSON publisher waits for its ack.',
      ],
    };
  },
};
