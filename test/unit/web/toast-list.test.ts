// Toasts: repeats collapse into one with a count, the oldest give way, and opening a conversation
// clears the toasts that announced it.
import { describe, expect, it } from 'vitest';

import { ToastList } from '../../../web/src/toast-list';

describe('ToastList', () => {
  it('collapses the same notice into one toast with a count, shown as the newest', () => {
    const list = new ToastList(3);
    const first = list.add({ level: 'error', title: 'Slow down', body: 'too fast' });
    list.add({ level: 'info', title: 'Other' });
    for (let i = 0; i < 3; i++) {
      expect(list.add({ level: 'error', title: 'Slow down', body: 'too fast' })).toMatchObject({
        repeated: true,
        entry: { id: first.entry.id },
      });
    }
    expect(list.entries.map((e) => [e.title, e.count])).toEqual([
      ['Other', 1],
      ['Slow down', 4],
    ]);
    // Another level, body or conversation is another notice.
    list.add({ level: 'warning', title: 'Slow down', body: 'too fast' });
    expect(list.entries).toHaveLength(3);
  });

  it('drops the oldest beyond the maximum', () => {
    const list = new ToastList(2);
    list.add({ level: 'info', title: 'a' });
    list.add({ level: 'info', title: 'b' });
    const change = list.add({ level: 'info', title: 'c' });
    expect(change.dropped.map((e) => e.title)).toEqual(['a']);
    expect(list.entries.map((e) => e.title)).toEqual(['b', 'c']);
  });

  it('clears what announced a conversation when it is opened, and dismisses by id', () => {
    const list = new ToastList();
    list.add({ level: 'info', title: 'Message from Bob', conversation: 'dm:bob' });
    list.add({ level: 'info', title: 'Message from Bob', body: 'again', conversation: 'dm:bob' });
    const other = list.add({ level: 'info', title: 'Build finished' });
    expect(list.clearConversation('dm:bob').map((e) => e.body)).toEqual([undefined, 'again']);
    expect(list.entries.map((e) => e.title)).toEqual(['Build finished']);
    expect(list.dismiss(other.entry.id)?.title).toBe('Build finished');
    expect(list.dismiss(other.entry.id)).toBeUndefined();
    expect(list.entries).toEqual([]);
  });
});
