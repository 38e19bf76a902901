// The conversation list: rooms joined, direct threads, announcements; unread counts; forms to join
// a room and to start a direct message by user id.
import { MAX_UNREAD } from '../../../chat-contract/limits';
import type { ChatController } from '../chat-controller';
import type { ChatModel, Conversation } from '../model';
import { ROOM_NAME_PATTERN } from '../room-pattern';
import { directoryView } from './directory-view';
import { clear, h } from './dom';

export function sidebarView(model: ChatModel, chat: ChatController): HTMLElement {
  const lists = h('div', { class: 'lists' });
  const roomInput = h('input', {
    id: 'join-room',
    name: 'room',
    required: true,
    maxlength: 64,
    pattern: ROOM_NAME_PATTERN,
    autocomplete: 'off',
    placeholder: 'e.g. lobby',
    'aria-describedby': 'join-room-hint',
  });
  const joinForm = h(
    'form',
    { class: 'inline-form', id: 'join-form' },
    h('label', { for: 'join-room' }, 'Join a room'),
    h('p', { id: 'join-room-hint', class: 'hint' }, 'Letters, digits, _ or -; up to 64.'),
    h('div', { class: 'row' }, roomInput, h('button', { type: 'submit' }, 'Join')),
  );
  joinForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void chat.join(roomInput.value.trim());
    roomInput.value = '';
  });
  const userInput = h('input', { id: 'dm-user', name: 'user', required: true, maxlength: 128 });
  const dmForm = h(
    'form',
    { class: 'inline-form', id: 'dm-form' },
    h('label', { for: 'dm-user' }, 'Message a user id'),
    h('div', { class: 'row' }, userInput, h('button', { type: 'submit' }, 'Open')),
  );
  dmForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const userId = userInput.value.trim();
    if (userId) chat.openDirect({ userId, name: userId });
    userInput.value = '';
  });

  const myId = h('code', { id: 'my-user-id' }, model.identity.userId);
  const copy = h(
    'button',
    { type: 'button', class: 'small', id: 'copy-user-id', 'aria-label': 'Copy your user id' },
    'Copy',
  );
  copy.addEventListener('click', () => {
    void navigator.clipboard?.writeText(model.identity.userId).then(
      () => (copy.textContent = 'Copied'),
      () => undefined,
    );
  });
  model.on('identity', (identity) => {
    myId.textContent = identity.userId;
  });
  const mine = h(
    'div',
    { class: 'my-id' },
    h('p', { class: 'hint', id: 'my-id-label' }, 'Your user id (others message you with it)'),
    h('div', { class: 'row' }, myId, copy),
  );

  const render = () => {
    clear(lists);
    const all = [...model.conversations.values()];
    const section = (title: string, id: string, items: Conversation[]) =>
      items.length === 0
        ? null
        : h(
            'section',
            { 'aria-labelledby': id },
            h('h2', { id }, title),
            h('ul', { class: 'conversations' }, ...items.map(item)),
          );
    lists.append(
      ...[
        section(
          'Rooms',
          'rooms-heading',
          all.filter((c) => c.kind === 'room'),
        ),
        section(
          'Direct messages',
          'dms-heading',
          all.filter((c) => c.kind === 'direct'),
        ),
        section(
          'Announcements',
          'everyone-heading',
          all.filter((c) => c.kind === 'everyone'),
        ),
      ].filter((s): s is HTMLElement => s !== null),
    );
  };
  const item = (c: Conversation) => {
    const current = model.selected?.key === c.key;
    const pending = c.kind === 'room' && !c.joined && model.online;
    const occupancy = c.kind === 'room' ? c.members.size : 0;
    return h(
      'li',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'conversation',
          'data-key': c.key,
          'aria-current': current ? 'true' : undefined,
          onclick: () => model.select(c.key),
        },
        h('span', { class: 'conversation-title' }, c.title),
        pending ? h('span', { class: 'muted' }, ' (joining…)') : null,
        occupancy > 0 && c.kind === 'room' && c.joined
          ? h('span', { class: 'muted occupancy', title: `${occupancy} here` }, ` · ${occupancy}`)
          : null,
        c.unread > 0
          ? h(
              'span',
              { class: 'badge' },
              c.unread >= MAX_UNREAD ? '99+' : String(c.unread),
              h('span', { class: 'sr-only' }, ' unread'),
            )
          : null,
      ),
    );
  };
  model.on('list', render);
  model.on('selected', render);
  model.on('connection', render);
  model.on('members', render);
  render();
  return h(
    'nav',
    { id: 'sidebar', class: 'sidebar', 'aria-label': 'Conversations' },
    lists,
    directoryView(model, chat),
    joinForm,
    dmForm,
    mine,
  );
}
