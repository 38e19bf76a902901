// A browser's kept rooms against the server's rooms list (PROTOCOL.md §2 `member`): a room left
// explicitly on another device is dropped here rather than joined again; the rest stay.
import { describe, expect, it } from 'vitest';

import type { RoomsReply } from '../../../chat-contract/payloads';
import { leftElsewhere } from '../../../web/src/left-elsewhere';

const seen = { latestSeq: 3, readSeq: 3, unread: 0 };
const reply = (rooms: RoomsReply['rooms']): RoomsReply => ({
  type: 'rooms',
  userId: 'ada',
  name: 'Ada',
  rooms,
  dms: [],
});

describe('leftElsewhere', () => {
  it('names the kept rooms the user left on another device, and only those', () => {
    const list = reply([
      { room: 'left', members: 2, joined: false, member: false, ...seen },
      { room: 'mine', members: 1, joined: false, member: true, ...seen },
      { room: 'here', members: 1, joined: true, member: true, ...seen },
      { room: 'busy', members: 4, joined: false, member: false },
      { room: 'not-kept', members: 0, joined: false, member: false, ...seen },
    ]);
    expect(leftElsewhere(list, ['left', 'mine', 'here', 'busy', 'new'])).toEqual(['left']);
  });

  it('keeps a room this connection is in, whatever another device did', () => {
    const list = reply([{ room: 'r', members: 1, joined: true, member: true, ...seen }]);
    expect(leftElsewhere(list, ['r'])).toEqual([]);
  });
});
