// One history mode of the APP scenario: the chat app behind the emulator with a real Azurite,
// 100 guest members in one room, room-message latency (one in flight) and throughput (window 16).
import type { HistoryMode } from './app-stack';
import { openMembers, startAppStack } from './app-stack';
import type { RunningAzurite } from './azurite';
import { stopStack } from './bench-stack';
import type { BenchContext } from './context';
import { sumCpu } from './cpu-group';
import { foreignCpu, MachineCpu } from './machine-cpu';
import { makeData } from './payload';
import type { RoomResult } from './room-driver';
import { RoomDriver } from './room-driver';
import type { OpenedClient } from './ws-clients';
import { closeClients } from './ws-clients';

export const MEMBERS = 100;
export const THROUGHPUT_WINDOW = 16;

export interface RoomMeasurement extends RoomResult {
  servers: Record<string, number>;
  serverCpuPct: number;
  foreignCpuPct: number;
  /** All servers' CPU µs per room message. */
  serverUsPerMessage: number;
}

export interface RoomModeResult {
  mode: HistoryMode;
  latency: RoomMeasurement;
  throughput: RoomMeasurement;
}

const messageFrame = (room: string) => (seq: number, ts: number) =>
  `{"type":"event","event":"message","dataType":"json","data":{"id":"b${seq}","to":{"room":"${room}"},"text":"${makeData(seq, ts, 100)}"}}`;

export async function roomMode(
  ctx: BenchContext,
  azurite: RunningAzurite,
  mode: HistoryMode,
): Promise<RoomModeResult> {
  const stack = await startAppStack(ctx, azurite, mode);
  const room = `bench-${mode}`;
  let members: OpenedClient[] = [];
  try {
    members = await openMembers(stack, MEMBERS, mode, () => [room]);
    const driver = new RoomDriver(
      members.map((m) => m.ws),
      messageFrame(room),
    );
    const measured = async (count: number, window: number): Promise<RoomMeasurement> => {
      await driver.run(Math.max(20, count / 10), window, 60_000);
      await stack.cpu.reset();
      const machine = new MachineCpu();
      const r = await driver.run(count, window, 90_000);
      const busy = machine.read();
      const servers = await stack.cpu.read();
      const serverCpuPct = sumCpu(servers);
      return {
        ...r,
        servers,
        serverCpuPct,
        foreignCpuPct: foreignCpu(busy, serverCpuPct, r.clientCpuPct),
        serverUsPerMessage: ((serverCpuPct / 100) * 1e6) / Math.max(r.messagesPerSec, 1e-9),
      };
    };
    const latency = await measured(300, 1);
    const throughput = await measured(1000, THROUGHPUT_WINDOW);
    return { mode, latency, throughput };
  } finally {
    closeClients(members);
    await stopStack(ctx, stack);
  }
}
