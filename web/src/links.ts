// Message text cut into plain text and links, so the view can make links clickable without ever
// parsing HTML. Only web addresses become links (`http:`, `https:`, and `www.` taken as https):
// a `javascript:` or `data:` URL stays text whatever it looks like.

export type TextSegment =
  { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_LIKE = /\bhttps?:\/\/[^\s<>"]+|\bwww\.[^\s<>"]+/giu;
/** Punctuation that ends a sentence rather than the address ("see https://x.org."). */
const TRAILING = /[.,;:!?'"\]}>]+$/u;
const SAFE_PROTOCOLS = new Set(['http:', 'https:']);

export function linkify(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let rest = 0;
  for (const match of text.matchAll(URL_LIKE)) {
    const candidate = trimUrl(match[0]);
    const href = safeHref(candidate);
    if (!href) continue;
    const start = match.index;
    if (start > rest) segments.push({ kind: 'text', text: text.slice(rest, start) });
    segments.push({ kind: 'link', text: candidate, href });
    rest = start + candidate.length;
  }
  if (rest < text.length) segments.push({ kind: 'text', text: text.slice(rest) });
  return segments;
}

function trimUrl(url: string): string {
  let out = url.replace(TRAILING, '');
  // A closing parenthesis belongs to the address only when it opened one: "(see https://x.org/a)".
  while (out.endsWith(')') && count(out, '(') < count(out, ')')) {
    out = out.slice(0, -1).replace(TRAILING, '');
  }
  return out;
}

function count(s: string, c: string): number {
  return s.split(c).length - 1;
}

/** The address to open, or undefined when it is not a web address. */
export function safeHref(candidate: string): string | undefined {
  const absolute = /^www\./iu.test(candidate) ? `https://${candidate}` : candidate;
  try {
    const url = new URL(absolute);
    return SAFE_PROTOCOLS.has(url.protocol) && url.hostname ? url.href : undefined;
  } catch {
    return undefined;
  }
}
