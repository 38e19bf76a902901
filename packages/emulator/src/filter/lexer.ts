// Splits filter text into tokens (string and integer literals, words, punctuation) with offsets.
import { filterSyntaxError } from './fail';

export type Token =
  | { readonly kind: 'string'; readonly value: string; readonly pos: number; readonly text: string }
  | { readonly kind: 'int'; readonly value: number; readonly pos: number; readonly text: string }
  | { readonly kind: 'word'; readonly value: string; readonly pos: number; readonly text: string }
  | { readonly kind: '(' | ')' | ',' | 'end'; readonly pos: number; readonly text: string };

// Int32, like the service: larger numbers parse there as Int64, which its filter rejects.
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

const QUOTE = 0x27;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isWordStart = (c: number) =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
const isWordChar = (c: number) => isWordStart(c) || isDigit(c);
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === QUOTE) {
      const [value, end] = readString(src, start);
      i = end;
      tokens.push({ kind: 'string', value, pos: start, text: src.slice(start, i) });
    } else if (isDigit(c) || ((c === 0x2d || c === 0x2b) && isDigit(src.charCodeAt(i + 1)))) {
      // A sign belongs to the literal only when a digit follows at once: there is no arithmetic.
      i++;
      while (isDigit(src.charCodeAt(i))) i++;
      const next = src.charCodeAt(i);
      if (isWordChar(next) || next === 0x2e) {
        while (isWordChar(src.charCodeAt(i)) || src.charCodeAt(i) === 0x2e) i++;
        throw filterSyntaxError(
          `invalid number '${src.slice(start, i)}' (only integers are supported)`,
          start,
          i,
        );
      }
      const text = src.slice(start, i);
      const value = Number(text) + 0; // `+ 0` turns -0 into 0
      if (value < INT_MIN || value > INT_MAX) {
        throw filterSyntaxError(`integer ${text} is outside the 32-bit range`, start, i);
      }
      tokens.push({ kind: 'int', value, pos: start, text });
    } else if (isWordStart(c)) {
      while (isWordChar(src.charCodeAt(i))) i++;
      const text = src.slice(start, i);
      tokens.push({ kind: 'word', value: text, pos: start, text });
    } else if (c === 0x28 || c === 0x29 || c === 0x2c) {
      i++;
      tokens.push({
        kind: c === 0x28 ? '(' : c === 0x29 ? ')' : ',',
        pos: start,
        text: src[start]!,
      });
    } else {
      throw filterSyntaxError(
        `unexpected character ${JSON.stringify(src[start])}`,
        start,
        start + 1,
      );
    }
  }
  tokens.push({ kind: 'end', pos: src.length, text: '' });
  return tokens;
}

/** Reads `'...'` starting at the opening quote; `''` inside stands for one quote. */
function readString(src: string, start: number): [string, number] {
  let value = '';
  let i = start + 1;
  for (;;) {
    const close = src.indexOf("'", i);
    if (close < 0) throw filterSyntaxError('unterminated string literal', start, src.length);
    value += src.slice(i, close);
    if (src.charCodeAt(close + 1) !== QUOTE) return [value, close + 1];
    value += "'";
    i = close + 2;
  }
}

/** How a token is named in error messages. */
export function describeToken(token: Token): string {
  return token.kind === 'end' ? 'the end of the filter' : `'${token.text}'`;
}
