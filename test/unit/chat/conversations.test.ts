// Conversation keys and typing groups: a DM's key is the pair's, the same from both sides, never a
// room's; typing groups are the service's safe group names.
import { describe, expect, it } from 'vitest';

import { conversationOf, dmKey, otherSide, refOf, typingGroup } from '../../../chat/conversations';
import { isRoomName } from '../../../chat-contract/limits';

describe('conversations', () => {
  it('keys a DM by the pair, whichever side asks, apart from every room', () => {
    expect(dmKey('ada', 'bob')).toBe(dmKey('bob', 'ada'));
    expect(dmKey('ada', 'bob')).not.toBe(dmKey('ada', 'bobby'));
    // A pair whose ids hold the separator is still its own pair.
    expect(dmKey('a","b', 'c')).not.toBe(dmKey('a', 'b","c'));
    expect(isRoomName(dmKey('ada', 'bob'))).toBe(false);
    const c = conversationOf('ada', { user: 'bob' });
    expect(c).toEqual({ kind: 'dm', self: 'ada', other: 'bob', key: dmKey('ada', 'bob') });
    expect(refOf(c)).toEqual({ user: 'bob' });
    expect(c.kind === 'dm' && refOf(otherSide(c))).toEqual({ user: 'ada' });
    expect(conversationOf('ada', { room: 'lobby' })).toEqual({
      kind: 'room',
      room: 'lobby',
      key: 'lobby',
    });
  });

  it('names typing groups per room and per pair, the same for both members', () => {
    expect(typingGroup(conversationOf('ada', { room: 'lobby' }))).toBe('typing.lobby');
    const fromAda = typingGroup(conversationOf('ada', { user: 'bob' }));
    expect(fromAda).toBe(typingGroup(conversationOf('bob', { user: 'ada' })));
    expect(fromAda).toMatch(/^typing\.dm\.[\w-]{32}$/);
    expect(fromAda).not.toBe(typingGroup(conversationOf('ada', { user: 'eve' })));
  });
});
