// The signed-in page: a header (title, connection state, who is signed in, sign out), the toasts
// under it, then the conversation list, the open conversation and the people in the room. On a
// phone-sized screen the header is one row and the list and the people are drawers opened from
// it, closed again by a tap outside them, by Escape, or by picking a conversation.
import type { ChatController } from '../chat-controller';
import type { Identity } from '../identity';
import type { ChatModel } from '../model';
import { conversationView } from './conversation-view';
import { h } from './dom';
import { membersView } from './members-view';
import { sidebarView } from './sidebar-view';

export interface AppViewParts {
  status: HTMLElement;
  toasts: HTMLElement;
  onSignOut(): void;
}

export function appView(model: ChatModel, chat: ChatController, parts: AppViewParts): HTMLElement {
  const sidebar = sidebarView(model, chat);
  const people = membersView(model, chat);
  const who = h('p', { class: 'who', id: 'who' });
  const renderWho = (identity: Identity) => {
    const roles = identity.guest ? ['guest'] : identity.roles;
    who.replaceChildren(
      h('span', { class: 'sr-only' }, 'Signed in as '),
      h('strong', { id: 'who-name', title: `Your user id: ${identity.userId}` }, identity.name),
      ...roles.map((r) => h('span', { class: 'role' }, r)),
    );
  };
  model.on('identity', renderWho);
  renderWho(model.identity);

  const scrim = h('div', { class: 'scrim', 'aria-hidden': 'true', hidden: true });
  const drawers: { panel: HTMLElement; button: HTMLButtonElement }[] = [];
  const setOpen = (panel: HTMLElement, open: boolean) => {
    for (const d of drawers) {
      const isIt = d.panel === panel && open;
      d.panel.classList.toggle('open', isIt);
      d.button.setAttribute('aria-expanded', String(isIt));
    }
    scrim.hidden = !open;
  };
  const closeAll = (focusBack = false) => {
    const opened = drawers.find((d) => d.panel.classList.contains('open'));
    if (!opened) return;
    setOpen(opened.panel, false);
    if (focusBack) opened.button.focus();
  };
  const toggle = (label: string, id: string, panel: HTMLElement) => {
    const button = h(
      'button',
      {
        type: 'button',
        id,
        class: 'small panel-toggle',
        'aria-controls': panel.id,
        'aria-expanded': 'false',
      },
      label,
    );
    drawers.push({ panel, button });
    button.addEventListener('click', () => {
      const open = !panel.classList.contains('open');
      setOpen(panel, open);
      if (open) panel.querySelector<HTMLElement>('button, input, a[href]')?.focus();
    });
    return button;
  };
  // A tap outside lands on the scrim: it closes the drawer and nothing under it is touched.
  scrim.addEventListener('click', () => closeAll());
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeAll(true);
  });
  // Picking another conversation closes the drawer (a room that only changed, say it was joined,
  // leaves it open).
  let shown = model.selected?.key;
  model.on('selected', (c) => {
    if (c?.key === shown) return;
    shown = c?.key;
    closeAll();
  });

  // On a phone the list is in a drawer: its button says how much is unread there.
  const chats = toggle('Chats', 'toggle-conversations', sidebar);
  const unread = h('span', { class: 'badge', hidden: true });
  chats.append(unread);
  const renderUnread = () => {
    const n = [...model.conversations.values()].reduce((sum, c) => sum + c.unread, 0);
    unread.hidden = n === 0;
    unread.replaceChildren(n > 99 ? '99+' : String(n), h('span', { class: 'sr-only' }, ' unread'));
  };
  model.on('list', renderUnread);
  renderUnread();

  return h(
    'div',
    { class: 'app' },
    h('a', { class: 'skip-link', href: '#message-text' }, 'Skip to the message box'),
    h(
      'header',
      { class: 'top' },
      chats,
      h('h1', {}, 'Realtime chat'),
      parts.status,
      who,
      h(
        'div',
        { class: 'top-actions' },
        toggle('People', 'toggle-people', people),
        h(
          'button',
          { type: 'button', class: 'small', id: 'sign-out', onclick: () => parts.onSignOut() },
          'Sign out',
        ),
      ),
    ),
    parts.toasts,
    h('div', { class: 'layout' }, sidebar, conversationView(model, chat), people, scrim),
  );
}
