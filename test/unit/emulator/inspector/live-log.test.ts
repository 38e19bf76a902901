// The live log writes nothing while nobody watches, keeps a bounded ring while someone does, and
// pushes each entry to every watcher; URLs lose their secrets.
import { describe, expect, it } from 'vitest';

import { LiveLog } from '../../../../packages/emulator/src/inspector/live-log';
import { redactUrl } from '../../../../packages/emulator/src/inspector/redact';

const entry = (summary: string) => ({ kind: 'action' as const, outcome: 'ok' as const, summary });

describe('LiveLog', () => {
  it('writes nothing while nobody watches', () => {
    const log = new LiveLog();
    log.write(entry('unseen'));
    expect(log.watching).toBe(false);
    expect(log.since()).toEqual([]);
  });

  it('pushes entries to watchers and keeps only the newest `capacity`', () => {
    const log = new LiveLog(3);
    const seen: string[] = [];
    const stop = log.watch((e) => seen.push(e.summary));
    for (const s of ['a', 'b', 'c', 'd']) log.write(entry(s));
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
    expect(log.since().map((e) => e.summary)).toEqual(['b', 'c', 'd']);
    expect(log.since(3).map((e) => e.seq)).toEqual([4]);
    stop();
    expect(log.watching).toBe(false);
    log.write(entry('e'));
    expect(seen).toHaveLength(4);
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
