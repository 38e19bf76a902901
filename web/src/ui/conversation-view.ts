// The open conversation: its title, a Leave button for rooms, the messages as a live log (appended,
// never re-rendered, so screen readers announce only what is new), and the message box.
import { MAX_TEXT } from '../../../chat-contract/limits';
import type { ChatController } from '../chat-controller';
import type { ChatModel, Conversation, ShownMessage } from '../model';
import { clear, h } from './dom';

export function conversationView(model: ChatModel, chat: ChatController): HTMLElement {
  const title = h('h2', { id: 'conversation-title' }, 'No conversation');
  const state = h('span', { class: 'muted', id: 'conversation-state' });
  const leave = h('button', { type: 'button', class: 'small', id: 'leave-room' }, 'Leave room');
  const log = h('ol', {
    id: 'messages',
    class: 'messages',
    role: 'log',
    'aria-live': 'polite',
    'aria-labelledby': 'conversation-title',
    tabindex: 0,
  });
  const input = h('input', {
    id: 'message-text',
    name: 'text',
    required: true,
    maxlength: MAX_TEXT,
    autocomplete: 'off',
  });
  const label = h('label', { for: 'message-text', class: 'sr-only' }, 'Message');
  const send = h('button', { type: 'submit', id: 'send' }, 'Send');
  const composer = h('form', { class: 'composer', id: 'composer' }, label, input, send);

  leave.addEventListener('click', () => {
    const c = model.selected;
    if (c?.kind === 'room') void chat.leave(c.room);
  });
  composer.addEventListener('submit', (e) => {
    e.preventDefault();
    const c = model.selected;
    const text = input.value.trim();
    if (!c || !text) return;
    send.disabled = true;
    void chat.send(c, text).then((sent) => {
      send.disabled = false;
      if (sent) input.value = '';
      input.focus();
    });
  });

  const render = (c: Conversation | undefined) => {
    clear(log);
    log.setAttribute('aria-busy', 'true');
    title.textContent = c?.title ?? 'No conversation';
    leave.hidden = c?.kind !== 'room';
    state.textContent = c?.kind === 'room' && !c.joined ? 'joining…' : '';
    const canPost = c !== undefined && chat.canPost(c);
    composer.hidden = !c;
    input.disabled = !canPost;
    send.disabled = !canPost;
    label.textContent = c ? `Message to ${c.title}` : 'Message';
    input.placeholder = !c
      ? ''
      : canPost
        ? `Message ${c.title}`
        : 'Only admins can post announcements';
    if (!c) log.append(h('li', { class: 'muted' }, 'Join a room to start.'));
    else for (const m of c.messages) log.append(messageItem(m));
    log.removeAttribute('aria-busy');
    log.scrollTop = log.scrollHeight;
  };
  model.on('selected', render);
  model.on('messages', (c, added) => {
    if (model.selected?.key !== c.key) return;
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    for (const m of added) log.append(messageItem(m));
    if (atBottom || added.some((m) => m.mine)) log.scrollTop = log.scrollHeight;
  });
  render(model.selected);
  return h(
    'main',
    { id: 'main', class: 'conversation-pane' },
    h('div', { class: 'conversation-head' }, title, state, leave),
    log,
    composer,
  );
}

function messageItem(m: ShownMessage): HTMLElement {
  const time = new Date(m.ts);
  return h(
    'li',
    { class: m.mine ? 'message mine' : 'message', 'data-key': m.key },
    h(
      'p',
      { class: 'message-meta' },
      h('span', { class: 'message-from' }, m.mine ? `${m.from.name} (you)` : m.from.name),
      ' ',
      h(
        'time',
        { datetime: m.ts },
        Number.isNaN(time.getTime())
          ? ''
          : time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
      ),
    ),
    h('p', { class: 'message-text' }, m.text),
  );
}
