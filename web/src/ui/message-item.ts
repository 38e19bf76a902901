// One line of a conversation's log: a message (links clickable, time with the full date on hover),
// a notice ("Bob joined"), a day separator, or one of the user's own messages still on its way.
import { dayLabel, fullTime, shortTime } from '../day-labels';
import { linkify } from '../links';
import type { OutgoingMessage } from '../message-sender';
import type { ShownMessage } from '../model';
import { h } from './dom';
import type { MessageActions } from './message-actions';
import { actionsRow, reactionsRow } from './message-actions';

/** The text with its web addresses as links that open apart from the chat. */
export function richText(text: string): (Node | string)[] {
  return linkify(text).map((s) =>
    s.kind === 'text'
      ? s.text
      : h('a', { href: s.href, target: '_blank', rel: 'noopener noreferrer nofollow' }, s.text),
  );
}

function timeOf(ts: string): HTMLElement {
  return h('time', { datetime: ts, title: fullTime(ts) }, shortTime(ts));
}

export function messageItem(m: ShownMessage, actions?: MessageActions): HTMLElement {
  if (m.notice) {
    return h('li', { class: 'notice', 'data-key': m.key }, m.text, ' ', timeOf(m.ts));
  }
  const text = m.deleted
    ? h('p', { class: 'message-text deleted' }, 'This message was deleted.')
    : h('p', { class: 'message-text' }, ...richText(m.text));
  return h(
    'li',
    {
      class: m.mine ? 'message mine' : 'message',
      'data-key': m.key,
      'data-seq': m.seq,
    },
    h(
      'p',
      { class: 'message-meta' },
      h('span', { class: 'message-from' }, m.mine ? `${m.from.name} (you)` : m.from.name),
      ' ',
      timeOf(m.ts),
      m.edited && !m.deleted
        ? h('span', { class: 'edited', title: `Edited ${fullTime(m.edited)}` }, ' (edited)')
        : null,
    ),
    text,
    m.deleted || !actions ? null : reactionsRow(m, actions),
    m.deleted || !actions ? null : actionsRow(m, actions, text),
  );
}

export function daySeparator(ts: string): HTMLElement {
  return h('li', { class: 'day-separator', role: 'presentation' }, h('span', {}, dayLabel(ts)));
}

export interface OutgoingActions {
  retry(id: string): void;
  discard(id: string): void;
}

export function outgoingItem(
  e: OutgoingMessage,
  online: boolean,
  actions: OutgoingActions,
): HTMLElement {
  const failed = e.state === 'failed';
  const status = failed
    ? `Not sent: ${e.reason ?? 'refused'}`
    : online
      ? 'Sending…'
      : 'Waiting for the connection; it will be sent when you are back online.';
  return h(
    'li',
    { class: `message mine outgoing ${failed ? 'failed' : 'pending'}`, 'data-outgoing-id': e.id },
    h('p', { class: 'message-text' }, ...richText(e.text)),
    h('p', { class: 'outgoing-status', role: failed ? 'alert' : undefined }, status),
    failed
      ? h(
          'p',
          { class: 'outgoing-actions' },
          h(
            'button',
            { type: 'button', class: 'small', onclick: () => actions.retry(e.id) },
            'Retry',
          ),
          ' ',
          h(
            'button',
            { type: 'button', class: 'small', onclick: () => actions.discard(e.id) },
            'Discard',
          ),
        )
      : null,
  );
}
