// Small DOM and formatting helpers shared by the page's modules. Text only: nothing here ever
// sets innerHTML, so whatever a client sends is shown, never run.
export const $ = (id) => document.getElementById(id);

/** `el('li', { text, dataset, className, 'aria-…' }, ...children)` */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('aria-') || k === 'role' || k === 'title') node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children) node.append(c);
  return node;
}

export function shortId(id) {
  return id.length > 10 ? `${id.slice(0, 8)}…` : id;
}

export function time(ms) {
  return new Date(ms).toISOString().slice(11, 23);
}

export function ago(ms) {
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  return s < 60 ? `${s} s ago` : s < 3600 ? `${Math.round(s / 60)} min ago` : time(ms);
}

/** "a, b ,c" → ['a', 'b', 'c'] */
export function list(text) {
  return String(text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A form field as a number, or undefined when empty. */
export function number(value) {
  return value === '' || value === null || value === undefined ? undefined : Number(value);
}

/** The one-line status under the header (read out by screen readers). */
export function say(text) {
  $('action-status').textContent = text;
}
