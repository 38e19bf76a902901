// Room messages exactly once under faults, on the real stack: the host's webhook replies, the table
// batch replies and the emulator's REST replies are lost (each side retries), client links are cut
// (the SDK reconnects), the host is killed with SIGKILL mid-traffic and started again, several
// senders post with and without ids, and an attacker squats the other senders' next ids first.
// Afterwards every acknowledged message is in history once, seqs are gap-free and unique, every
// member has every message once (live or by gap fill), nothing unacknowledged is stored twice, every
// message with an id was acknowledged in the end (its resends are idempotent), and the stack
// recovered by itself.
import { setTimeout as sleep } from 'node:timers/promises';

import { stopAllClients } from '@wps-local/test-kit';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';

import type { HistoryMessage } from '../../chat-contract/payloads';
import { uniqueName } from '../setup/emulator';
import type { Sent } from '../setup/exactly-once';
import { allHistory, byUser, dropEvery, roomMembers, send, showAll } from '../setup/exactly-once';
import type { FaultStack } from '../setup/fault-stack';
import { startFaultStack } from '../setup/fault-stack';
import type { TypedChatUser } from './chat-user';
import { chatUser } from './chat-user';

const PER_SENDER = 15;
/** Every this-many `message` webhook replies is lost. */
const WEBHOOK_DROP_EVERY = 4;
/** Every this-many table batch replies (history appends) is lost. */
const TABLE_DROP_EVERY = 5;
/** Every this-many REST replies from the emulator to the host (sends, group changes) is lost. */
const REST_DROP_EVERY = 5;
/** Every link is cut while the first sender's messages with these numbers are in flight; the
 * host is killed after the second sender's. */
const CUT_AT = [5, 11];
const KILL_AFTER = 8;

let faulty: FaultStack | undefined;
const f = (): FaultStack => {
  if (!faulty) throw new Error('the fault stack has not started');
  return faulty;
};
beforeAll(async () => {
  faulty = await startFaultStack();
});
afterAll(async () => {
  await stopAllClients();
  await faulty?.close();
});

describe('room messages exactly once under faults', () => {
  it('stores and delivers every acknowledged message once; nothing unacknowledged twice', async () => {
    const room = uniqueName('fault');
    const names = ['s1', 's2', 's3', 's4', 'attacker', 'listener'].map((n) => uniqueName(n));
    const [s1, s2, , , attacker] = names as [string, string, string, string, string];
    const users = new Map<string, TypedChatUser>();
    for (const name of names) {
      // No SDK retries (they are resends no server can tell from new messages when there is no id):
      // the senders with ids resend themselves, with the same id; the others never resend
      // (PROTOCOL.md §4: resend only with an id). Clients reach the emulator at the address the
      // app's negotiate names: the fault proxy.
      const u = await chatUser(
        f().host.url,
        { id: name, name },
        { client: { messageRetryOptions: { maxRetries: 0 } } },
      );
      await u.send('join', { room });
      await u.waitFor('joined', (p) => p.room === room, `${name} joined`);
      users.set(name, u);
    }
    const sent: Sent[] = [];
    // Each send's outcome and time, printed when the test fails.
    const trace: string[] = [];
    let slowest = 0;
    onTestFailed(() => console.log(`fault suite trace:\n${trace.join('\n')}`));
    const post = async (user: string, marker: string, id?: string) => {
      const item: Sent = { user, marker, ...(id ? { id } : {}), acked: false, attempts: 0 };
      sent.push(item);
      const start = Date.now();
      item.acked = await send(users.get(user)!, room, item);
      const ms = Date.now() - start;
      slowest = Math.max(slowest, ms);
      trace.push(
        `${marker}: acked ${item.acked}, ${item.attempts} send(s), ${ms} ms ${item.failure ?? ''}`,
      );
      return item;
    };

    // The attacker posts the id senders' next ids first: they must not silence them.
    const squatted = [s1, s2].flatMap((victim) => [1, 2, 3, 4, 5].map((n) => `${victim}-${n}`));
    for (const id of squatted) await post(attacker, `squat ${id}`, id);

    const { webhook, emulator, storage } = f();
    webhook.drop(dropEvery(WEBHOOK_DROP_EVERY, /\r\nce-eventname:\s*message\r\n/i));
    storage.table.drop(dropEvery(TABLE_DROP_EVERY, /^POST \S*\$batch/));
    emulator.drop(dropEvery(REST_DROP_EVERY, /^(POST|PUT|DELETE) \/api\/hubs\//));
    const cuts: Promise<void>[] = [];
    let hostKills = 0;
    const senders = names.slice(0, 4).map(async (name, k) => {
      const withIds = k < 2;
      for (let n = 1; n <= PER_SENDER; n += 1) {
        // The first sender's link is cut while this message is in flight (every other link too).
        if (k === 0 && CUT_AT.includes(n)) {
          cuts.push(sleep(5).then(() => emulator.cut()));
        }
        await post(name, `${name} #${n}`, withIds ? `${name}-${n}` : undefined);
        if (k === 1 && n === KILL_AFTER) {
          trace.push('killing the host');
          await f().killHost();
          trace.push('the host is back');
          hostKills += 1;
        }
      }
    });
    await Promise.all([...senders, ...cuts]);
    const linkCuts = cuts.length;
    for (const p of [webhook, storage.table, emulator]) p.drop(undefined);

    const stored = await allHistory(f().host, room);
    // Gap-free, unique seqs.
    expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
    const byMarker = new Map<string, HistoryMessage[]>();
    for (const m of stored) {
      const marker = String(m.body);
      byMarker.set(marker, [...(byMarker.get(marker) ?? []), m]);
    }
    const acked = sent.filter((s) => s.acked);
    const lost = acked.filter((s) => (byMarker.get(s.marker) ?? []).length === 0);
    const duplicated = [...byMarker.values()].filter((list) => list.length > 1);
    expect(lost).toEqual([]);
    expect(duplicated.map((list) => list.map((m) => [m.seq, m.id, m.body, m.ts]))).toEqual([]);
    // A message with an id is resent until acknowledged: every one was, in the end.
    expect(sent.filter((s) => s.id && !s.acked).map((s) => s.marker)).toEqual([]);
    // Every stored message is one that was sent, by its sender, with its id when it had one.
    for (const m of stored) {
      const s = sent.find((x) => x.marker === m.body);
      expect(s, `stored ${String(m.body)}`).toBeDefined();
      expect(m.from.userId).toBe(s!.user);
      if (s!.id) expect(m.id).toBe(s!.id);
    }
    // The squatted ids did not silence their owners.
    for (const id of squatted) {
      const owner = stored.filter((m) => m.id === id && m.from.userId !== attacker);
      expect(owner, `the owner's ${id}`).toHaveLength(1);
    }

    // Every member has every stored message once: live, then gap fill for what it missed.
    let delivered = 0;
    let gapFilled = 0;
    let neverLive = 0;
    let liveDuplicates = 0;
    for (const [name, u] of users) {
      const shown = await showAll(f().host, u, room);
      delivered += shown.show.length;
      gapFilled += shown.gapFilled;
      neverLive += shown.neverLive;
      liveDuplicates += shown.liveDuplicates;
      expect(
        shown.show.map((m) => [m.seq, m.id]),
        `${name} saw every message once`,
      ).toEqual(stored.map((m) => [m.seq, m.id]));
    }

    // The stack recovered by itself: the room lists each member once, on one connection (no ghost
    // of a cut link, none dropped by the restarted host's reconcile)...
    expect(await roomMembers(f().host, room)).toEqual(
      names.map((userId) => ({ userId, connections: 1 })).sort(byUser),
    );
    // ...and a message now goes through at once, with no resend.
    const last = await post(names[2]!, 'after the faults', 'after');
    expect([last.acked, last.attempts]).toEqual([true, 1]);

    const faults = {
      webhookReplies: webhook.dropped,
      tableBatchReplies: storage.table.dropped,
      restReplies: emulator.dropped,
      linkCuts,
      hostKills,
    };
    const figures = {
      sent: sent.length - 1,
      faults,
      faultsInjected: Object.values(faults).reduce((a, b) => a + b, 0),
      acknowledged: acked.length,
      slowestSendMs: slowest,
      resends: sent.reduce((n, s) => n + Math.max(0, s.attempts - 1), 0),
      stored: stored.length,
      members: users.size,
      delivered,
      deliveredByGapFill: gapFilled,
      neverDeliveredLive: neverLive,
      liveDuplicatesDropped: liveDuplicates,
      lost: lost.length,
      duplicated: duplicated.length,
      unacknowledged: sent.filter((s) => !s.acked).map((s) => `${s.marker}: ${s.failure}`),
    };
    const rows = Object.entries(figures).map(
      ([name, value]) =>
        `  ${name.padEnd(22)} ${typeof value === 'number' ? value : JSON.stringify(value)}`,
    );
    console.log(`fault suite figures:\n${rows.join('\n')}`);
    // Every kind of fault happened.
    for (const [kind, count] of Object.entries(faults)) expect(count, kind).toBeGreaterThan(0);
  }, 110_000);
});
