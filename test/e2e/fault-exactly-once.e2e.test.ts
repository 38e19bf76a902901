// Room messages exactly once under faults, on the real stack: the host's webhook replies are lost
// (the emulator retries the event), client links are cut (the SDK reconnects), several senders post
// with and without ids, and an attacker squats the other senders' next ids first. Afterwards every
// acknowledged message is in history once, seqs are gap-free and unique, every member has every
// message once (live or by gap fill), and nothing unacknowledged is stored twice.
import { EmulatorManagementClient } from '@wps-local/emulator';
import type { LocalStack } from '@wps-local/test-kit';
import { startLocalStack, stopAllClients } from '@wps-local/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { HistoryMessage, HistoryReply } from '../../chat-contract/payloads';
import { RoomSequence } from '../../web/src/room-sequence';
import { TEST_HUB, uniqueName } from '../setup/emulator';
import { REPO_ROOT } from '../setup/host';
import type { ReplyDropProxy } from '../setup/reply-drop-proxy';
import { startReplyDropProxy } from '../setup/reply-drop-proxy';
import type { StackHost } from '../setup/stack';
import type { TcpProxy } from '../setup/tcp-proxy';
import { startTcpProxy } from '../setup/tcp-proxy';
import type { TypedChatUser } from './chat-user';
import { chatUser } from './chat-user';

const PER_SENDER = 15;
/** Every this-many `message` webhook replies is lost. */
const DROP_EVERY = 4;
/** Every this-many table batch replies (history appends) are lost. */
const STORAGE_DROP_EVERY = 5;
const AZURITE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

let running: LocalStack | undefined;
const stack = (): LocalStack => {
  if (!running) throw new Error('the local stack has not started');
  return running;
};
const host = (): StackHost => ({
  url: stack().appUrl,
  keys: { functionKey: stack().keys.function, masterKey: stack().keys.master },
});

let webhook: ReplyDropProxy;
let links: TcpProxy;
/** Between the app and Azurite (blob, queue, table). */
let storage: { blob: ReplyDropProxy; queue: ReplyDropProxy; table: ReplyDropProxy };
beforeAll(async () => {
  // Proxies first, named in the app's settings; they reach their servers once those have ports.
  let started!: (s: LocalStack) => void;
  const stackUp = new Promise<LocalStack>((resolve) => (started = resolve));
  const portOf = (url: (s: LocalStack) => string) =>
    stackUp.then((s) => Number(new URL(url(s)).port));
  storage = {
    blob: await startReplyDropProxy(portOf((s) => s.storageUrls.blob)),
    queue: await startReplyDropProxy(portOf((s) => s.storageUrls.queue)),
    table: await startReplyDropProxy(portOf((s) => s.storageUrls.table)),
  };
  const at = (p: ReplyDropProxy) => `http://127.0.0.1:${p.port}/devstoreaccount1`;
  running = await startLocalStack({
    appDir: REPO_ROOT,
    settings: {
      WebPubSubHub: TEST_HUB,
      AzureWebJobsStorage:
        `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};` +
        `BlobEndpoint=${at(storage.blob)};QueueEndpoint=${at(storage.queue)};` +
        `TableEndpoint=${at(storage.table)};`,
    },
  });
  started(running);
  // The hub's event handler goes through a proxy that loses replies.
  const hostPort = Number(new URL(host().url).port);
  webhook = await startReplyDropProxy(hostPort);
  const management = EmulatorManagementClient.fromConnectionString(
    stack().connectionStrings.webPubSub,
  );
  const hub = (await management.hubs())[TEST_HUB];
  if (!hub) throw new Error(`the emulator has no hub ${TEST_HUB}`);
  await management.configureHub(TEST_HUB, {
    ...hub,
    eventHandlers: (hub.eventHandlers ?? []).map((h) => ({
      ...h,
      urlTemplate: h.urlTemplate.replace(`:${hostPort}/`, `:${webhook.port}/`),
    })),
  });
  // Client links go through a proxy that can cut them.
  links = await startTcpProxy(Number(new URL(stack().emulatorUrl).port));
});
afterAll(async () => {
  await stopAllClients();
  await running?.close();
  for (const p of [webhook, links, ...Object.values(storage)]) await p.close();
});

interface Sent {
  user: string;
  marker: string;
  id?: string;
  acked: boolean;
}

describe('room messages exactly once under faults', () => {
  it('stores and delivers every acknowledged message once; nothing unacknowledged twice', async () => {
    const room = uniqueName('fault');
    const names = ['s1', 's2', 's3', 's4', 'attacker', 'listener'].map((n) => uniqueName(n));
    const [s1, s2, s3, s4, attacker] = names as [string, string, string, string, string];
    const users = new Map<string, TypedChatUser>();
    for (const name of names) {
      // Senders without ids must not resend (the SDK's own sendEvent retries are resends that no
      // server can tell from new messages): PROTOCOL.md §4 says resend only with an id.
      const noIds = name === s3 || name === s4;
      const u = await chatUser(
        host().url,
        { id: name, name },
        {
          via: (url) => links.via(url),
          ...(noIds ? { client: { messageRetryOptions: { maxRetries: 0 } } } : {}),
        },
      );
      await u.send('join', { room });
      await u.waitFor('joined', (p) => p.room === room, `${name} joined`);
      users.set(name, u);
    }
    const sent: Sent[] = [];
    let faults = 0;

    // The attacker posts the id senders' next ids first: they must not silence them.
    const squatted: string[] = [];
    for (const victim of [s1, s2]) {
      for (let n = 1; n <= 5; n += 1) squatted.push(`${victim}-${n}`);
    }
    const a = users.get(attacker)!;
    for (const id of squatted) {
      const item: Sent = { user: attacker, marker: `squat ${id}`, id, acked: false };
      sent.push(item);
      item.acked = await send(a, item, true);
    }

    webhook.drop(dropEvery(DROP_EVERY, /\r\nce-eventname:\s*message\r\n/i));
    storage.table.drop(dropEvery(STORAGE_DROP_EVERY, /^POST \S*\$batch/));
    const senders = [s1, s2, s3, s4].map(async (name, k) => {
      const u = users.get(name)!;
      const withIds = k < 2;
      for (let n = 1; n <= PER_SENDER; n += 1) {
        const item: Sent = {
          user: name,
          marker: `${name} #${n}`,
          ...(withIds ? { id: `${name}-${n}` } : {}),
          acked: false,
        };
        sent.push(item);
        item.acked = await send(u, item, withIds);
        // Cut every client link twice during the run.
        if (k === 0 && (n === 5 || n === 10)) {
          await links.cut();
          faults += 1;
        }
      }
    });
    await Promise.all(senders);
    for (const p of [webhook, storage.table]) p.drop(undefined);
    faults += webhook.dropped + storage.table.dropped;

    const stored = await allHistory(room);
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
    let liveDuplicates = 0;
    for (const [name, u] of users) {
      const shown = await showAll(u, room);
      delivered += shown.show.length;
      liveDuplicates += shown.liveDuplicates;
      expect(
        shown.show.map((m) => [m.seq, m.id]),
        `${name} saw every message once`,
      ).toEqual(stored.map((m) => [m.seq, m.id]));
    }

    // The stack recovered: a message now goes through at once.
    const last: Sent = { user: s3, marker: 'after the faults', id: 'after', acked: false };
    expect(await send(users.get(s3)!, last, true)).toBe(true);

    const figures = {
      sent: sent.length,
      faultsInjected: faults,
      webhookRepliesDropped: webhook.dropped,
      tableBatchRepliesDropped: storage.table.dropped,
      clientLinksCut: faults - webhook.dropped - storage.table.dropped,
      acknowledged: acked.length,
      stored: stored.length,
      delivered,
      members: users.size,
      liveDuplicatesDropped: liveDuplicates,
      lost: lost.length,
      duplicated: duplicated.length,
    };
    console.log(`fault suite figures: ${JSON.stringify(figures)}`);
    expect(faults).toBeGreaterThanOrEqual(DROP_EVERY);
  });
});

/** Drops the reply of every `n`th request whose head matches. */
function dropEvery(n: number, request: RegExp): (head: string) => boolean {
  let count = 0;
  return (head) => request.test(head) && ++count % n === 0;
}

/**
 * Sends one message and waits for its ack (or error). A sender with ids resends after a failure
 * (idempotent); one without ids must not, so its unacknowledged message stays at most once.
 */
async function send(u: TypedChatUser, item: Sent, resend: boolean): Promise<boolean> {
  const { room } = { room: currentRoom(u) };
  for (let attempt = 1; attempt <= (resend ? 3 : 1); attempt += 1) {
    const before = u.all('ack').length + u.all('error').length;
    try {
      await u.send('message', {
        ...(item.id ? { id: item.id } : {}),
        to: { room },
        text: item.marker,
      });
      const reply = await u.rc.until(
        () => {
          const replies = [...u.all('ack'), ...u.all('error')];
          if (item.id) return replies.find((r) => r.id === item.id);
          return replies.length > before && replies.at(-1);
        },
        `the reply to ${item.marker}`,
        15_000,
      );
      return reply.type === 'ack';
    } catch {
      // The link was cut or the event failed: try again (ids only).
    }
  }
  return false;
}

const rooms = new WeakMap<TypedChatUser, string>();
function currentRoom(u: TypedChatUser): string {
  const joined = u.all('joined')[0];
  if (!joined) throw new Error('not joined');
  rooms.set(u, joined.room);
  return joined.room;
}

/** What a member shows: the joined page, live messages in arrival order, then history to the end. */
async function showAll(u: TypedChatUser, room: string) {
  const seq = new RoomSequence<HistoryMessage & { type?: string }>(() => 0);
  const show: HistoryMessage[] = [];
  const joined = u.all('joined', (p) => p.room === room)[0]!;
  show.push(...seq.page(joined.messages, joined.latestSeq, joined.hasMore).show);
  let liveDuplicates = 0;
  const liveSeen = new Set<number>();
  for (const m of u.all('message')) {
    if (!('room' in m) || m.room !== room) continue;
    if (liveSeen.has(m.seq)) liveDuplicates += 1;
    liveSeen.add(m.seq);
    show.push(...seq.live(m).show);
  }
  for (;;) {
    const page = await allHistory(room, seq.last ?? 0, 200);
    const step = seq.page(page, (seq.last ?? 0) + page.length, false);
    show.push(...step.show);
    if (page.length === 0) break;
  }
  return { show, liveDuplicates };
}

/** The room's history through the server API, from `since` on (every page, or one of `limit`). */
async function allHistory(room: string, since = 0, limit?: number): Promise<HistoryMessage[]> {
  const messages: HistoryMessage[] = [];
  for (let after = since; ;) {
    const url = `${host().url}/api/rooms/${room}/messages?since=${after}&limit=200`;
    const res = await fetch(url, { headers: { 'x-functions-key': host().keys.functionKey } });
    if (!res.ok) throw new Error(`GET history ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as HistoryReply;
    messages.push(...page.messages);
    if (limit !== undefined || !page.hasMore || page.messages.length === 0) return messages;
    after = page.messages.at(-1)!.seq;
  }
}
