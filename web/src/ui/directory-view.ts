// Rooms to find: every room with people in it now, and those you joined before (on any device,
// with what you have not read), with how many are in each (the `rooms` reply, PROTOCOL.md §2).
// Rooms already in your list are not repeated.
import { MAX_UNREAD } from '../../../chat-contract/limits';
import type { ChatController } from '../chat-controller';
import type { ChatModel } from '../model';
import { clear, h } from './dom';

export function directoryView(model: ChatModel, chat: ChatController): HTMLElement {
  const list = h('ul', {
    id: 'directory',
    class: 'directory',
    'aria-labelledby': 'directory-heading',
  });
  const refresh = h(
    'button',
    { type: 'button', class: 'small', id: 'refresh-rooms', 'aria-label': 'Refresh the rooms list' },
    'Refresh',
  );
  refresh.addEventListener('click', () => void chat.refreshRooms());
  const render = () => {
    clear(list);
    const rooms = model.directory
      .filter((r) => !model.room(r.room))
      // Rooms you joined before (on this device or another) first, then the busiest.
      .sort(
        (a, b) =>
          Number(b.latestSeq !== undefined) - Number(a.latestSeq !== undefined) ||
          b.members - a.members ||
          a.room.localeCompare(b.room),
      );
    if (rooms.length === 0) {
      list.append(h('li', { class: 'muted' }, 'No other rooms right now.'));
      return;
    }
    for (const r of rooms) {
      const here = r.members === 1 ? '1 here' : `${r.members} here`;
      const unread = r.unread ? `, ${r.unread >= MAX_UNREAD ? '99+' : r.unread} unread` : '';
      const before = r.latestSeq !== undefined ? ', joined before' : '';
      list.append(
        h(
          'li',
          { 'data-room': r.room },
          h('span', { class: 'directory-name' }, `#${r.room}`),
          h('span', { class: 'muted occupancy' }, ` ${here}${unread}${before}`),
          h(
            'button',
            {
              type: 'button',
              class: 'small',
              'aria-label': `Join #${r.room}`,
              onclick: () => void chat.join(r.room),
            },
            'Join',
          ),
        ),
      );
    }
  };
  model.on('directory', render);
  model.on('list', render);
  render();
  return h(
    'section',
    { class: 'browse', 'aria-labelledby': 'directory-heading' },
    h('div', { class: 'row' }, h('h2', { id: 'directory-heading' }, 'Browse rooms'), refresh),
    list,
  );
}
