// The signed-in page: a header (title, connection state, who is signed in, sign out), the
// conversation list, the open conversation, the people in the room, and the toasts. On a phone-sized
// screen the list and the people are panels opened from the header.
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
      h('strong', { id: 'who-name' }, identity.name),
      ...roles.map((r) => h('span', { class: 'role' }, r)),
    );
  };
  model.on('identity', renderWho);
  renderWho(model.identity);
  const toggle = (label: string, panel: HTMLElement) => {
    const button = h(
      'button',
      {
        type: 'button',
        class: 'small panel-toggle',
        'aria-controls': panel.id,
        'aria-expanded': 'false',
      },
      label,
    );
    button.addEventListener('click', () => {
      const open = panel.classList.toggle('open');
      button.setAttribute('aria-expanded', String(open));
    });
    // Picking another conversation on a phone closes the panel again (a room that only changed,
    // say it was joined, leaves it open).
    let shown = model.selected?.key;
    model.on('selected', (c) => {
      if (c?.key === shown) return;
      shown = c?.key;
      panel.classList.remove('open');
      button.setAttribute('aria-expanded', 'false');
    });
    return button;
  };
  return h(
    'div',
    { class: 'app' },
    h('a', { class: 'skip-link', href: '#message-text' }, 'Skip to the message box'),
    h(
      'header',
      { class: 'top' },
      h('h1', {}, 'Realtime chat'),
      parts.status,
      who,
      h(
        'div',
        { class: 'top-actions' },
        toggle('Conversations', sidebar),
        toggle('People', people),
        h(
          'button',
          { type: 'button', class: 'small', id: 'sign-out', onclick: () => parts.onSignOut() },
          'Sign out',
        ),
      ),
    ),
    h('div', { class: 'layout' }, sidebar, conversationView(model, chat), people),
    parts.toasts,
  );
}
