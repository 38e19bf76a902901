// What a reader can do to a message: react (a small fixed set, toggled), and for its author edit
// it in place or delete it (after a second click to confirm); admins may delete any. Keyboard:
// every control is a button; the edit box saves on Enter and cancels on Escape.
import type { ReactionName } from '../../../chat-contract/limits';
import { REACTION_GLYPHS, REACTIONS } from '../../../chat-contract/limits';
import { hasReacted } from '../message-changes';
import type { ShownMessage } from '../model';
import { h } from './dom';

export interface MessageActions {
  me: string;
  canEdit: boolean;
  canDelete: boolean;
  canReact: boolean;
  edit(m: ShownMessage, text: string): void;
  remove(m: ShownMessage): void;
  react(m: ShownMessage, reaction: ReactionName, on: boolean): void;
}

/** The reactions a message has, each a toggle for the reader. */
export function reactionsRow(m: ShownMessage, a: MessageActions): HTMLElement | null {
  const present = REACTIONS.filter((r) => (m.reactions?.[r]?.length ?? 0) > 0);
  if (present.length === 0) return null;
  return h(
    'p',
    { class: 'reactions' },
    ...present.map((r) => {
      const count = m.reactions?.[r]?.length ?? 0;
      const mine = hasReacted(m, r, a.me);
      return h(
        'button',
        {
          type: 'button',
          class: 'reaction small',
          'data-reaction': r,
          'aria-pressed': String(mine),
          'aria-label': `${r}: ${count}${mine ? ', including you' : ''}`,
          disabled: !a.canReact,
          onclick: () => a.react(m, r, !mine),
        },
        `${REACTION_GLYPHS[r]} ${count}`,
      );
    }),
  );
}

/** The message's tool row: add a reaction, edit, delete. */
export function actionsRow(
  m: ShownMessage,
  a: MessageActions,
  textEl: HTMLElement,
): HTMLElement | null {
  if (!a.canReact && !a.canEdit && !a.canDelete) return null;
  const row = h('div', { class: 'message-actions' });
  const picker = h(
    'div',
    { class: 'reaction-picker', role: 'group', 'aria-label': 'Reactions', hidden: true },
    ...REACTIONS.map((r) =>
      h(
        'button',
        {
          type: 'button',
          class: 'small',
          'data-reaction': r,
          'aria-label': `React with ${r}`,
          title: r,
          onclick: () => {
            picker.hidden = true;
            react.setAttribute('aria-expanded', 'false');
            a.react(m, r, !hasReacted(m, r, a.me));
          },
        },
        REACTION_GLYPHS[r],
      ),
    ),
  );
  const react = h(
    'button',
    {
      type: 'button',
      class: 'small',
      'aria-expanded': 'false',
      'aria-label': `React to ${m.from.name}'s message`,
    },
    'React',
  );
  picker.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    picker.hidden = true;
    react.setAttribute('aria-expanded', 'false');
    react.focus();
  });
  react.addEventListener('click', () => {
    picker.hidden = !picker.hidden;
    react.setAttribute('aria-expanded', String(!picker.hidden));
    if (!picker.hidden) picker.querySelector('button')?.focus();
  });
  if (a.canReact) row.append(react);
  if (a.canEdit) {
    row.append(
      h(
        'button',
        {
          type: 'button',
          class: 'small',
          'aria-label': 'Edit your message',
          onclick: () => startEdit(m, a, textEl),
        },
        'Edit',
      ),
    );
  }
  if (a.canDelete) {
    const del = h(
      'button',
      { type: 'button', class: 'small', 'aria-label': 'Delete message' },
      'Delete',
    );
    del.addEventListener('click', () => {
      if (del.dataset.confirm === 'true') {
        a.remove(m);
        return;
      }
      del.dataset.confirm = 'true';
      del.textContent = 'Confirm delete';
      del.setAttribute('aria-label', 'Confirm: delete this message');
    });
    del.addEventListener('blur', () => {
      del.dataset.confirm = 'false';
      del.textContent = 'Delete';
      del.setAttribute('aria-label', 'Delete message');
    });
    row.append(del);
  }
  if (a.canReact) row.append(picker);
  return row;
}

function startEdit(m: ShownMessage, a: MessageActions, textEl: HTMLElement): void {
  const box = h('textarea', { class: 'edit-box', 'aria-label': 'Edit message', rows: 2 });
  box.value = m.text;
  const save = h('button', { type: 'button', class: 'small' }, 'Save');
  const cancel = h('button', { type: 'button', class: 'small' }, 'Cancel');
  const form = h('div', { class: 'edit-form' }, box, h('div', { class: 'row' }, save, cancel));
  const done = () => {
    form.replaceWith(textEl);
  };
  const commit = () => {
    const text = box.value.trim();
    if (text && text !== m.text) a.edit(m, text);
    done();
  };
  save.addEventListener('click', commit);
  cancel.addEventListener('click', done);
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      done();
    } else if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      commit();
    }
  });
  textEl.replaceWith(form);
  box.focus();
}
