// The message box: several lines (Enter sends, Shift+Enter starts a new line, and Enter while an
// input method is composing is left to it), growing with its text up to a few lines.
import { MAX_TEXT } from '../../../chat-contract/limits';
import type { ChatController } from '../chat-controller';
import type { ChatModel, Conversation } from '../model';
import { h } from './dom';

const MAX_ROWS = 6;

export function composerView(model: ChatModel, chat: ChatController): HTMLElement {
  const input = h('textarea', {
    id: 'message-text',
    name: 'text',
    required: true,
    rows: 1,
    maxlength: MAX_TEXT,
    autocomplete: 'off',
    'aria-describedby': 'composer-hint',
  });
  const label = h('label', { for: 'message-text', class: 'sr-only' }, 'Message');
  const hint = h(
    'span',
    { id: 'composer-hint', class: 'sr-only' },
    'Enter sends; Shift+Enter starts a new line.',
  );
  const send = h('button', { type: 'submit', id: 'send' }, 'Send');
  const form = h('form', { class: 'composer', id: 'composer' }, label, hint, input, send);

  const fit = () => {
    input.rows = Math.min(MAX_ROWS, Math.max(1, input.value.split('\n').length));
  };
  const submit = () => {
    const c = model.selected;
    const text = input.value.trim();
    if (!c || !text) return;
    if (chat.send(c, text)) {
      input.value = '';
      fit();
    }
    input.focus();
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing) return;
    e.preventDefault();
    submit();
  });
  input.addEventListener('input', () => {
    fit();
    const c = model.selected;
    if (c) chat.typing.input(c, input.value.trim() === '');
  });

  const render = (c: Conversation | undefined) => {
    const canPost = c !== undefined && chat.canPost(c);
    form.hidden = !c;
    input.disabled = !canPost;
    send.disabled = !canPost;
    label.textContent = c ? `Message to ${c.title}` : 'Message';
    input.placeholder = !c
      ? ''
      : canPost
        ? `Message ${c.title}`
        : 'Only admins can post announcements';
  };
  model.on('selected', render);
  render(model.selected);
  return form;
}
