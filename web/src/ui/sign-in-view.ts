// Before negotiate succeeds: sign in through App Service Authentication (locally, the offline
// host's sign-in page), or continue as a guest when the app allows it.
import { signInUrl } from '../identity';
import { h } from './dom';

export interface SignInViewOptions {
  problem?: string;
  onGuest(): void;
}

export function signInView(o: SignInViewOptions): HTMLElement {
  return h(
    'main',
    { class: 'sign-in', id: 'main' },
    h('h1', {}, 'Realtime chat'),
    h('p', {}, 'Rooms, direct messages and presence, live.'),
    o.problem ? h('p', { class: 'problem', role: 'alert' }, o.problem) : null,
    h('a', { class: 'button primary', href: signInUrl(), id: 'sign-in' }, 'Sign in'),
    h(
      'button',
      { type: 'button', class: 'button', id: 'continue-as-guest', onclick: () => o.onGuest() },
      'Continue as guest',
    ),
  );
}
