// Typing indicators (PROTOCOL.md §7): at most one frame per interval while typing, a stop only when
// others were told, and indicators that expire by themselves, stop, or end with a message.
import { describe, expect, it } from 'vitest';

import { TYPING } from '../../../chat-contract/limits';
import { typingLine, TypingSender, TypingWatcher } from '../../../web/src/typing-state';

describe('TypingSender', () => {
  it('sends one frame per interval while typing, and a stop when cleared', () => {
    let now = 0;
    const s = new TypingSender(() => now);
    expect(s.input(false)).toBe('typing');
    now += TYPING.sendEveryMs - 1;
    expect(s.input(false)).toBeUndefined();
    now += 1;
    expect(s.input(false)).toBe('typing');
    expect(s.input(true)).toBe('stop');
    expect(s.input(true)).toBeUndefined();
    expect(s.stop()).toBeUndefined();
    // Typing again right after a stop is news at once.
    expect(s.input(false)).toBe('typing');
    expect(s.stop()).toBe('stop');
  });
});

describe('TypingWatcher', () => {
  it('shows someone until their frames stop coming, a stop, or a message of theirs', () => {
    let now = 0;
    const w = new TypingWatcher(() => now);
    w.frame('ada', false);
    w.frame('bob', false);
    expect(w.typing()).toEqual(['ada', 'bob']);
    expect(w.nextExpiry()).toBe(TYPING.expireAfterMs);
    now += TYPING.expireAfterMs - 1000;
    w.frame('bob', false);
    now += 1000;
    expect(w.typing()).toEqual(['bob']);
    w.spoke('bob');
    expect(w.typing()).toEqual([]);
    expect(w.nextExpiry()).toBeUndefined();
    w.frame('ada', false);
    w.frame('ada', true);
    expect(w.typing()).toEqual([]);
  });

  it('words the line for one, two or more people', () => {
    expect(typingLine([])).toBe('');
    expect(typingLine(['Ada'])).toBe('Ada is typing…');
    expect(typingLine(['Ada', 'Bob'])).toBe('Ada and Bob are typing…');
    expect(typingLine(['Ada', 'Bob', 'Cy'])).toBe('3 people are typing…');
  });
});
