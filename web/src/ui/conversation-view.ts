// The open conversation: its title, a Leave button for rooms, the messages as a live log (appended,
// never re-rendered while open, so screen readers announce only what is new) with day separators
// and join/leave lines, an empty state for a new room, the user's own messages still on their way,
// a "new messages" marker and jump button when the reader has scrolled up, and the message box.
import type { ChatController } from '../chat-controller';
import { dayKey } from '../day-labels';
import type { ChatModel, Conversation, ShownMessage } from '../model';
import { composerView } from './composer-view';
import { clear, h } from './dom';
import { daySeparator, messageItem, outgoingItem } from './message-item';

/** Closer to the bottom than this (px) counts as reading the newest messages. */
const AT_BOTTOM_PX = 40;

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
  });
  const outgoing = h('ol', {
    id: 'outgoing',
    class: 'messages outgoing-list',
    'aria-label': 'Not sent yet',
  });
  const empty = h('p', { id: 'empty-state', class: 'empty-state', hidden: true });
  const scroller = h(
    'div',
    { class: 'scroller', tabindex: 0, 'aria-label': 'Messages' },
    empty,
    log,
    outgoing,
  );
  const jump = h(
    'button',
    { type: 'button', class: 'jump small', id: 'jump-to-new', hidden: true },
    'New messages',
  );
  let lastDay: string | undefined;
  let unseen = 0;

  const atBottom = () =>
    scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < AT_BOTTOM_PX;
  const toBottom = () => {
    scroller.scrollTop = scroller.scrollHeight;
  };
  const setUnseen = (n: number) => {
    unseen = n;
    jump.hidden = n === 0;
    jump.textContent = n === 1 ? '1 new message ↓' : `${n} new messages ↓`;
  };
  const append = (m: ShownMessage) => {
    const day = dayKey(m.ts);
    if (day !== undefined && day !== lastDay) {
      log.append(daySeparator(m.ts));
      lastDay = day;
    }
    log.append(messageItem(m));
  };
  const renderEmpty = (c: Conversation | undefined) => {
    const hasMessages = c?.messages.some((m) => !m.notice) ?? false;
    const ready = c?.kind !== 'room' || c.joined;
    empty.hidden = hasMessages || !ready || (c !== undefined && chat.outgoing.of(c.key).length > 0);
    empty.textContent = !c
      ? 'Join a room to start.'
      : c.kind === 'room'
        ? `No messages in ${c.title} yet. Say hello!`
        : c.kind === 'direct'
          ? `This is the start of your conversation with ${c.title}.`
          : 'No announcements yet.';
  };
  const renderOutgoing = (c: Conversation | undefined) => {
    clear(outgoing);
    if (!c) return;
    const actions = {
      retry: (id: string) => chat.outgoing.retry(id),
      discard: (id: string) => chat.outgoing.discard(id),
    };
    for (const e of chat.outgoing.of(c.key)) {
      outgoing.append(outgoingItem(e, model.online, actions));
    }
  };

  leave.addEventListener('click', () => {
    const c = model.selected;
    if (c?.kind === 'room') void chat.leave(c.room);
  });
  jump.addEventListener('click', () => {
    const marker = log.querySelector('.new-marker');
    if (marker) marker.scrollIntoView({ block: 'start' });
    else toBottom();
    setUnseen(0);
  });
  scroller.addEventListener('scroll', () => {
    if (unseen > 0 && atBottom()) setUnseen(0);
  });

  const render = (c: Conversation | undefined) => {
    clear(log);
    lastDay = undefined;
    setUnseen(0);
    log.setAttribute('aria-busy', 'true');
    title.textContent = c?.title ?? 'No conversation';
    leave.hidden = c?.kind !== 'room';
    state.textContent = c?.kind === 'room' && !c.joined ? 'joining…' : '';
    for (const m of c?.messages ?? []) append(m);
    renderEmpty(c);
    renderOutgoing(c);
    log.removeAttribute('aria-busy');
    toBottom();
  };
  model.on('selected', render);
  model.on('messages', (c, added) => {
    if (model.selected?.key !== c.key) return;
    const wasAtBottom = atBottom();
    const news = added.filter((m) => !m.mine && !m.notice);
    if (!wasAtBottom && news.length > 0 && unseen === 0) {
      // Where the reader's unseen messages begin.
      log.querySelector('.new-marker')?.remove();
      log.append(h('li', { class: 'new-marker', role: 'presentation' }, h('span', {}, 'New')));
    }
    for (const m of added) append(m);
    renderEmpty(c);
    if (wasAtBottom || added.some((m) => m.mine)) toBottom();
    else setUnseen(unseen + news.length);
  });
  model.on('outgoing', (key) => {
    if (model.selected?.key !== key) return;
    const wasAtBottom = atBottom();
    renderOutgoing(model.selected);
    renderEmpty(model.selected);
    if (wasAtBottom) toBottom();
  });
  model.on('connection', () => renderOutgoing(model.selected));
  render(model.selected);
  return h(
    'main',
    { id: 'main', class: 'conversation-pane' },
    h('div', { class: 'conversation-head' }, title, state, leave),
    h('div', { class: 'log-area' }, scroller, jump),
    composerView(model, chat),
  );
}
