// Toasts: notifications from the server, errors, news from other conversations. They sit in the
// page's flow under the header (never over a control), a repeat shows as one toast with a count,
// and they go when dismissed, after a while, or when the conversation they announce is opened.
// A polite live region (errors as alerts).
import type { Toast } from '../toast';
import type { ToastEntry } from '../toast-list';
import { ToastList } from '../toast-list';
import { h } from './dom';

const VISIBLE_MS = 8_000;

export interface ToastsView {
  el: HTMLElement;
  show(toast: Toast): void;
  /** The conversation was opened: its toasts have said what they had to. */
  clearConversation(key: string): void;
}

export function toastsView(): ToastsView {
  const list = new ToastList();
  const items = new Map<number, { el: HTMLElement; timer: ReturnType<typeof setTimeout> }>();
  const el = h('div', {
    id: 'toasts',
    class: 'toasts',
    'aria-live': 'polite',
    'aria-label': 'Notifications',
    role: 'region',
  });
  const remove = (id: number) => {
    const item = items.get(id);
    if (!item) return;
    clearTimeout(item.timer);
    item.el.remove();
    items.delete(id);
  };
  const dismiss = (id: number) => {
    list.dismiss(id);
    remove(id);
  };
  const expireLater = (entry: ToastEntry) =>
    setTimeout(() => dismiss(entry.id), entry.level === 'error' ? VISIBLE_MS * 2 : VISIBLE_MS);
  const render = (entry: ToastEntry) =>
    h(
      'div',
      {
        class: `toast toast-${entry.level}`,
        role: entry.level === 'error' ? 'alert' : 'status',
        'data-level': entry.level,
        'data-toast-id': entry.id,
      },
      h(
        'p',
        { class: 'toast-title' },
        entry.title,
        entry.count > 1
          ? h(
              'span',
              { class: 'toast-count', 'aria-label': `${entry.count} times` },
              ` ×${entry.count}`,
            )
          : null,
      ),
      entry.body ? h('p', { class: 'toast-body' }, entry.body) : null,
      h(
        'button',
        {
          type: 'button',
          class: 'toast-close',
          'aria-label': `Dismiss: ${entry.title}`,
          onclick: () => dismiss(entry.id),
        },
        'Dismiss',
      ),
    );
  return {
    el,
    show(toast) {
      const { entry, dropped } = list.add(toast);
      for (const d of dropped) remove(d.id);
      remove(entry.id);
      const item = render(entry);
      el.append(item);
      items.set(entry.id, { el: item, timer: expireLater(entry) });
    },
    clearConversation(key) {
      for (const e of list.clearConversation(key)) remove(e.id);
    },
  };
}
