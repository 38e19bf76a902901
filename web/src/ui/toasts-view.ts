// Toasts: notifications from the server, errors, news from other conversations. In a polite live
// region (errors as alerts), dismissed by a button or after a while.
import type { Toast } from '../toast';
import { h } from './dom';

const VISIBLE_MS = 8_000;
const MAX_VISIBLE = 4;

export function toastsView(): { el: HTMLElement; show(toast: Toast): void } {
  const el = h('div', {
    id: 'toasts',
    class: 'toasts',
    'aria-live': 'polite',
    'aria-label': 'Notifications',
    role: 'region',
  });
  return {
    el,
    show(toast) {
      const item = h(
        'div',
        {
          class: `toast toast-${toast.level}`,
          role: toast.level === 'error' ? 'alert' : 'status',
          'data-level': toast.level,
        },
        h('p', { class: 'toast-title' }, toast.title),
        toast.body ? h('p', { class: 'toast-body' }, toast.body) : null,
      );
      const dismiss = () => item.remove();
      item.append(
        h('button', { type: 'button', class: 'toast-close', onclick: dismiss }, 'Dismiss'),
      );
      el.append(item);
      while (el.children.length > MAX_VISIBLE) el.firstElementChild?.remove();
      setTimeout(dismiss, toast.level === 'error' ? VISIBLE_MS * 2 : VISIBLE_MS);
    },
  };
}
