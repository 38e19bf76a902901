// Who is in the open room, updated live from member_added / member_removed; a button to message
// each of them. While this page is offline the list may be out of date: it greys out and says so.
import type { ChatController } from '../chat-controller';
import type { ChatModel, RoomConversation } from '../model';
import { clear, h } from './dom';

export function membersView(model: ChatModel, chat: ChatController): HTMLElement {
  const heading = h('h2', { id: 'people-heading' }, 'People');
  const stale = h(
    'p',
    { id: 'people-stale', class: 'hint', hidden: true },
    'You are offline: who is here may have changed.',
  );
  const list = h('ul', { id: 'members', class: 'members', 'aria-labelledby': 'people-heading' });
  const el = h(
    'aside',
    { id: 'people', class: 'people', 'aria-labelledby': 'people-heading' },
    heading,
    stale,
    list,
  );
  const renderStale = () => {
    el.dataset.stale = String(!model.online);
    stale.hidden = model.online;
  };
  const render = () => {
    clear(list);
    const c = model.selected;
    if (c?.kind !== 'room') {
      heading.textContent = 'People';
      list.append(h('li', { class: 'muted' }, 'Open a room to see who is here.'));
      return;
    }
    const members = [...c.members.values()].sort((a, b) => a.name.localeCompare(b.name));
    heading.textContent = `People in ${c.title} (${members.length})`;
    for (const m of members) {
      const me = m.userId === model.identity.userId;
      list.append(
        h(
          'li',
          { 'data-user-id': m.userId },
          h('span', { class: 'presence-dot', 'aria-hidden': 'true' }),
          h('span', { class: 'member-name' }, m.name, me ? ' (you)' : ''),
          me
            ? null
            : h(
                'button',
                {
                  type: 'button',
                  class: 'small',
                  'aria-label': `Message ${m.name}`,
                  onclick: () => chat.openDirect({ userId: m.userId, name: m.name }),
                },
                'Message',
              ),
        ),
      );
    }
  };
  model.on('selected', render);
  model.on('members', (c: RoomConversation) => {
    if (model.selected?.key === c.key) render();
  });
  model.on('connection', renderStale);
  render();
  renderStale();
  return el;
}
