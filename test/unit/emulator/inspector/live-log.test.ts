// The live log writes nothing while nobody watches, builds entries only when it flushes and only
// those it keeps, streams each flush as one batch, keeps a bounded ring, and above its rate
// counts what it skips in a visible `sampled` entry; URLs lose their secrets.
import { describe, expect, it } from 'vitest';

import type { LogEntry } from '../../../../packages/emulator/src/inspector/live-log';
import { LiveLog } from '../../../../packages/emulator/src/inspector/live-log';
import { redactUrl } from '../../../../packages/emulator/src/inspector/redact';

const entry = (summary: string) => ({ kind: 'action' as const, outcome: 'ok' as const, summary });
const frame = (summary: string) => ({
  kind: 'frame-in' as const,
  outcome: 'info' as const,
  summary,
});
// A long flush interval: the tests flush by hand.
const manual = { flushMs: 60_000, perFlush: 3 };

describe('LiveLog', () => {
  it('writes nothing while nobody watches, and never calls a builder', () => {
    const log = new LiveLog();
    let built = 0;
    log.write('frame-in', () => (built++, frame('unseen')));
    log.write('action', entry('unseen'), true);
    expect(log.watching).toBe(false);
    expect(log.since()).toEqual([]);
    expect(built).toBe(0);
  });

  it('builds entries at the flush and streams them as one batch with their SSE text', () => {
    const log = new LiveLog(10, undefined, manual);
    const batches: (readonly LogEntry[])[] = [];
    let text = '';
    const stop = log.watch((b) => {
      batches.push(b.entries);
      text += b.sse;
    });
    let built = 0;
    log.write('frame-in', () => (built++, frame('a')));
    log.write('frame-in', () => (built++, frame('b')));
    expect(built).toBe(0);
    expect(batches).toEqual([]);
    log.flush();
    expect(built).toBe(2);
    expect(batches.map((b) => b.map((e) => e.summary))).toEqual([['a', 'b']]);
    expect(text).toBe(
      batches[0]!.map((e) => `id: ${e.seq}\ndata: ${JSON.stringify(e)}\n\n`).join(''),
    );
    stop();
  });

  it('keeps only the newest `capacity` entries', () => {
    const log = new LiveLog(3, undefined, { flushMs: 60_000, perFlush: 100 });
    const stop = log.watch(() => undefined);
    for (const s of ['a', 'b', 'c', 'd']) log.write('action', entry(s));
    expect(log.since().map((e) => e.summary)).toEqual(['b', 'c', 'd']);
    expect(log.since(3).map((e) => e.seq)).toEqual([4]);
    stop();
    expect(log.watching).toBe(false);
    log.write('action', entry('e'), true);
    expect(log.since().map((e) => e.summary)).toEqual(['b', 'c', 'd']);
  });

  it('above its rate counts the skipped entries by kind in one sampled entry, never skipping important ones', () => {
    const log = new LiveLog(100, undefined, manual);
    const seen: LogEntry[] = [];
    const stop = log.watch((b) => seen.push(...b.entries));
    let built = 0;
    for (let i = 0; i < 10; i++) log.write('frame-in', () => (built++, frame(`f${i}`)));
    log.write('upstream', { kind: 'upstream', outcome: 'ok', summary: 'u' });
    log.write('fault', { kind: 'fault', outcome: 'fault', summary: 'kept' }, true);
    log.flush();
    expect(built).toBe(3);
    expect(seen.map((e) => e.summary).slice(0, 4)).toEqual(['f0', 'f1', 'f2', 'kept']);
    const marker = seen.at(-1)!;
    expect(marker).toMatchObject({
      kind: 'sampled',
      detail: { total: 8, skipped: { 'frame-in': 7, upstream: 1 } },
    });
    expect(marker.summary).toMatch(/^8 entries not logged .*7 frame-in, 1 upstream/);
    // The next flush starts counting afresh.
    log.write('frame-in', frame('later'));
    log.flush();
    expect(seen.at(-1)!.summary).toBe('later');
    stop();
  });

  it('bounds a storm of important entries too, at four times the limit', () => {
    const log = new LiveLog(100, undefined, manual);
    const seen: LogEntry[] = [];
    const stop = log.watch((b) => seen.push(...b.entries));
    for (let i = 0; i < 20; i++) {
      log.write('fault', { kind: 'fault', outcome: 'fault', summary: `f${i}` }, true);
    }
    log.flush();
    expect(seen.filter((e) => e.kind === 'fault')).toHaveLength(12);
    expect(seen.at(-1)).toMatchObject({ kind: 'sampled', detail: { skipped: { fault: 8 } } });
    stop();
  });

  it('flushes on its own after flushMs', async () => {
    const log = new LiveLog(10, undefined, { flushMs: 5, perFlush: 10 });
    const stop = log.watch(() => undefined);
    log.write('action', entry('timed'));
    await new Promise((r) => setTimeout(r, 50));
    // since() flushes too; the timer must have done it already, so nothing is pending.
    expect(log.since().map((e) => e.summary)).toEqual(['timed']);
    stop();
  });
});

describe('redactUrl', () => {
  it('masks function keys, signatures and access tokens', () => {
    expect(redactUrl('http://h/api/x?code=abc&keep=1')).toBe('http://h/api/x?code=***&keep=1');
    expect(redactUrl('ws://h/client/hubs/c?access_token=eyJ.x.y&a=b')).toBe(
      'ws://h/client/hubs/c?access_token=***&a=b',
    );
  });
});
