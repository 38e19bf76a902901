// P1: group fan-out via the subprotocol — N members of one group, one member publishes
// sendToGroup (100 B text, noEcho, ackId) with ≤ 32 in flight; floor: raw ws relay, same window.
import type { FanoutMeasurement } from '../lib/fanout-run';
import { emulatorFanout, fanoutFloor } from '../lib/fanout-run';
import type { Row } from '../lib/rows';
import { cpuOf, loadFlags } from '../lib/rows';
import type { Scenario, ScenarioOutput } from '../lib/scenario';

export const SIZES = [100, 1000] as const;

/** Flags for a fan-out run that did not deliver everything or was limited by its clients. */
export function fanoutFlags(emu: FanoutMeasurement, floor: FanoutMeasurement): string[] {
  const flags = loadFlags(emu, floor);
  for (const [who, m] of [
    ['emulator', emu],
    ['floor', floor],
  ] as const) {
    if (m.timedOut) flags.push(`${who} timed out`);
    if (m.deliveries < m.expected) flags.push(`${who} lost ${m.expected - m.deliveries}`);
  }
  if (emu.ackFailures > 0) flags.push(`${emu.ackFailures} failed acks`);
  return flags;
}

export const p1: Scenario = {
  id: 'P1',
  title: 'Group fan-out via json.webpubsub.azure.v1 (sendToGroup, 100 B, window 32)',
  budgetMs: 150_000,
  async run(ctx): Promise<ScenarioOutput> {
    const rows: Row[] = [];
    const raw: Record<string, unknown> = {};
    for (const n of SIZES) {
      const floor = await fanoutFloor(ctx, n);
      const emu = await emulatorFanout(ctx, n);
      raw[`N=${n}`] = { emulator: emu, floor };
      const scenario = `P1 N=${n}`;
      const flags = fanoutFlags(emu, floor);
      rows.push(
        {
          scenario,
          metric: 'deliveries/s',
          unit: '/s',
          emulator: emu.deliveriesPerSec,
          floor: floor.deliveriesPerSec,
          check: { kind: 'ratio>=', value: 0.7 },
          flags,
          cpu: cpuOf(emu, floor),
        },
        {
          scenario,
          metric: 'server CPU/delivery',
          unit: 'µs',
          emulator: emu.serverUsPerDelivery,
          floor: floor.serverUsPerDelivery,
          check: { kind: 'info' },
        },
      );
    }
    return {
      rows,
      raw,
      notes: [
        'A slot of the window frees when all N members have the message and (emulator) its ack is back.',
        'The floor relays the very envelope the emulator sends, so both client sides do the same work.',
      ],
    };
  },
};
