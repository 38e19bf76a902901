// The open conversation: its title, a Leave button for rooms, the messages as a live log (appended
// while open, so screen readers announce only what is new) with day separators and join/leave
// lines, older messages on demand, an empty state for a new conversation, the user's own messages
// still on their way, "read by" in DMs, who is typing, a "new messages" marker and jump button
// when the reader has scrolled up, and the message box. Reading to the bottom marks it read.
import type { ChatController } from '../chat-controller';
import { dayKey } from '../day-labels';
import { isAdmin } from '../identity';
import type { ChatModel, Conversation, ShownMessage } from '../model';
import { typingLine } from '../typing-state';
import { composerView } from './composer-view';
import { clear, h } from './dom';
import type { MessageActions } from './message-actions';
import { daySeparator, messageItem, outgoingItem } from './message-item';

/** Closer to the bottom than this (px) counts as reading the newest messages. */
const AT_BOTTOM_PX = 40;

export function conversationView(model: ChatModel, chat: ChatController): HTMLElement {
  const title = h('h2', { id: 'conversation-title' }, 'No conversation');
  const state = h('span', { class: 'muted', id: 'conversation-state' });
  const leave = h('button', { type: 'button', class: 'small', id: 'leave-room' }, 'Leave room');
  const older = h(
    'button',
    { type: 'button', class: 'small older', id: 'load-older', hidden: true },
    'Load older messages',
  );
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
    older,
    empty,
    log,
    outgoing,
  );
  const jump = h(
    'button',
    { type: 'button', class: 'jump small', id: 'jump-to-new', hidden: true },
    'New messages',
  );
  const typing = h('p', { id: 'typing', class: 'typing', 'aria-live': 'polite' });
  let lastDay: string | undefined;
  let unseen = 0;

  const atBottom = () =>
    scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < AT_BOTTOM_PX;
  const toBottom = () => {
    scroller.scrollTop = scroller.scrollHeight;
  };
  const readIfSeen = () => {
    const c = model.selected;
    if (c && atBottom() && document.visibilityState === 'visible') chat.markRead(c);
  };
  const setUnseen = (n: number) => {
    unseen = n;
    jump.hidden = n === 0;
    jump.textContent = n === 1 ? '1 new message ↓' : `${n} new messages ↓`;
  };
  const actionsFor = (c: Conversation, m: ShownMessage): MessageActions | undefined => {
    if (c.kind === 'everyone' || m.seq === undefined) return undefined;
    const online = model.online;
    return {
      me: model.identity.userId,
      canReact: online,
      canEdit: online && m.mine,
      canDelete: online && (m.mine || isAdmin(model.identity)),
      edit: (x, text) => chat.edit(c, x, text),
      remove: (x) => chat.remove(c, x),
      react: (x, r, on) => chat.react(c, x, r, on),
    };
  };
  const item = (c: Conversation, m: ShownMessage) => messageItem(m, actionsFor(c, m));
  const append = (c: Conversation, m: ShownMessage) => {
    const day = dayKey(m.ts);
    if (day !== undefined && day !== lastDay) {
      log.append(daySeparator(m.ts));
      lastDay = day;
    }
    log.append(item(c, m));
  };
  const renderReadBy = (c: Conversation | undefined) => {
    log.querySelector('.read-by')?.remove();
    if (c?.kind !== 'direct' || c.otherReadSeq === 0) return;
    const read = c.messages.filter((m) => m.mine && (m.seq ?? Infinity) <= c.otherReadSeq).pop();
    const el = read && log.querySelector(`[data-key="${CSS.escape(read.key)}"]`);
    el?.append(h('p', { class: 'read-by' }, `Read by ${c.peer.name}`));
  };
  const renderState = (c: Conversation | undefined) => {
    older.hidden = !c?.hasOlder;
    typing.textContent = typingLine(c?.typing ?? []);
    renderReadBy(c);
  };
  const renderEmpty = (c: Conversation | undefined) => {
    const hasMessages = c?.messages.some((m) => !m.notice) ?? false;
    const ready = c?.kind === 'everyone' || (c?.joined ?? true);
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
  older.addEventListener('click', () => {
    const c = model.selected;
    if (!c) return;
    older.disabled = true;
    void chat.loadOlder(c).finally(() => (older.disabled = false));
  });
  jump.addEventListener('click', () => {
    const marker = log.querySelector('.new-marker');
    if (marker) marker.scrollIntoView({ block: 'start' });
    else toBottom();
    setUnseen(0);
  });
  scroller.addEventListener('scroll', () => {
    if (!atBottom()) return;
    if (unseen > 0) setUnseen(0);
    readIfSeen();
  });
  document.addEventListener('visibilitychange', readIfSeen);

  const render = (c: Conversation | undefined, keepFromBottom?: number) => {
    clear(log);
    lastDay = undefined;
    setUnseen(0);
    log.setAttribute('aria-busy', 'true');
    title.textContent = c?.title ?? 'No conversation';
    leave.hidden = c?.kind !== 'room';
    state.textContent =
      (c?.kind === 'room' || c?.kind === 'direct') && !c.joined && model.online ? 'joining…' : '';
    if (c) for (const m of c.messages) append(c, m);
    renderEmpty(c);
    renderOutgoing(c);
    renderState(c);
    log.removeAttribute('aria-busy');
    if (keepFromBottom === undefined) toBottom();
    else scroller.scrollTop = scroller.scrollHeight - keepFromBottom;
    readIfSeen();
  };
  model.on('selected', (c) => render(c));
  model.on('messages', (c, added) => {
    if (model.selected?.key !== c.key) return;
    const wasAtBottom = atBottom();
    const news = added.filter((m) => !m.mine && !m.notice);
    if (!wasAtBottom && news.length > 0 && unseen === 0) {
      // Where the reader's unseen messages begin.
      log.querySelector('.new-marker')?.remove();
      log.append(h('li', { class: 'new-marker', role: 'presentation' }, h('span', {}, 'New')));
    }
    for (const m of added) append(c, m);
    renderEmpty(c);
    renderReadBy(c);
    if (wasAtBottom || added.some((m) => m.mine)) toBottom();
    else setUnseen(unseen + news.length);
    readIfSeen();
  });
  model.on('prepended', (c) => {
    // Older messages above: what the reader was looking at stays where it was.
    if (model.selected?.key === c.key) render(c, scroller.scrollHeight - scroller.scrollTop);
  });
  model.on('updated', (c, messages) => {
    if (model.selected?.key !== c.key) return;
    for (const m of messages) {
      log.querySelector(`[data-key="${CSS.escape(m.key)}"]`)?.replaceWith(item(c, m));
    }
    renderReadBy(c);
  });
  model.on('state', (c) => {
    if (model.selected?.key === c.key) renderState(c);
  });
  model.on('outgoing', (key) => {
    if (model.selected?.key !== key) return;
    const wasAtBottom = atBottom();
    renderOutgoing(model.selected);
    renderEmpty(model.selected);
    if (wasAtBottom) toBottom();
  });
  model.on('connection', () => {
    // Actions need a connection: redraw them (and the outgoing list's wording).
    const c = model.selected;
    if (c) render(c, scroller.scrollHeight - scroller.scrollTop);
  });
  render(model.selected);
  return h(
    'main',
    { id: 'main', class: 'conversation-pane' },
    h('div', { class: 'conversation-head' }, title, state, leave),
    h('div', { class: 'log-area' }, scroller, jump),
    typing,
    composerView(model, chat),
  );
}
