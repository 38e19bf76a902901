// Links in message text: web addresses become links, nothing else does (no `javascript:`), and the
// text around them is kept exactly.
import { describe, expect, it } from 'vitest';

import { linkify, safeHref } from '../../../web/src/links';

const links = (text: string) =>
  linkify(text)
    .filter((s) => s.kind === 'link')
    .map((s) => (s.kind === 'link' ? s.href : ''));

describe('linkify', () => {
  it('cuts text into text and links, keeping every character', () => {
    const text = 'see https://example.org/a?b=1#c and www.example.com/x, ok';
    const segments = linkify(text);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.org/a?b=1#c', href: 'https://example.org/a?b=1#c' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'www.example.com/x', href: 'https://www.example.com/x' },
      { kind: 'text', text: ', ok' },
    ]);
  });

  it('leaves sentence punctuation and unbalanced parentheses outside the link', () => {
    expect(links('go to https://example.org.')).toEqual(['https://example.org/']);
    expect(links('(see https://example.org/a)')).toEqual(['https://example.org/a']);
    expect(links('https://en.wikipedia.org/wiki/Rust_(language)!')).toEqual([
      'https://en.wikipedia.org/wiki/Rust_(language)',
    ]);
  });

  it('never links a script, data or other non-web URL', () => {
    for (const text of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)//https://x.org',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'file:///etc/passwd',
      'http://',
      'plain text',
    ]) {
      for (const s of linkify(text)) {
        if (s.kind === 'link') expect(s.href).toMatch(/^https?:\/\/[^/]/);
      }
    }
    expect(links('javascript:alert(1)')).toEqual([]);
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('https://')).toBeUndefined();
  });

  it('keeps text without links as one segment, and empty text as none', () => {
    expect(linkify('hello')).toEqual([{ kind: 'text', text: 'hello' }]);
    expect(linkify('')).toEqual([]);
  });
});
