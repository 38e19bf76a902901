// Group-name wildcard patterns (`?` one character but `.`, `*` within a dot-separated segment, `**`
// across segments, `\\` escapes), compiled once and matched without backtracking. Source:
// azure-docs azure-web-pubsub concept-wildcard-group-roles.md (forms, at most five `*`).

// Pattern tokens: one literal char, `?`, `*` (within a segment), `**` (across segments).
const [LIT, ONE, SEG, ANY] = [0, 1, 2, 3];
const DOT = 0x2e;

/**
 * A compiled wildcard pattern, matched by simulating its automaton over the input: O(input ×
 * tokens) whatever the input, where a backtracking RegExp with five stars could be polynomial of
 * degree five on a hostile group name.
 */
export class PatternMatcher {
  private readonly cur: Uint8Array;
  private readonly next: Uint8Array;
  constructor(
    private readonly kinds: Uint8Array,
    private readonly codes: Uint16Array,
  ) {
    this.cur = new Uint8Array(kinds.length + 1);
    this.next = new Uint8Array(kinds.length + 1);
  }

  matches(input: string): boolean {
    const { kinds, codes } = this;
    const m = kinds.length;
    let cur = this.cur;
    let next = this.next;
    cur.fill(0);
    cur[0] = 1;
    this.close(cur);
    for (let i = 0; i < input.length; i++) {
      const c = input.charCodeAt(i);
      next.fill(0);
      for (let j = 0; j < m; j++) {
        if (cur[j] === 0) continue;
        const kind = kinds[j];
        if (kind === LIT) {
          if (codes[j] === c) next[j + 1] = 1;
        } else if (kind === ONE) {
          if (c !== DOT) next[j + 1] = 1;
        } else if (kind === ANY || c !== DOT) {
          next[j] = 1; // a star consumes the char and stays
        }
      }
      if (!this.close(next)) return false;
      [cur, next] = [next, cur];
    }
    return cur[m] === 1;
  }

  /** Stars may match nothing: activate the state after each active star. False if none is active. */
  private close(states: Uint8Array): boolean {
    let any = false;
    for (let j = 0; j < this.kinds.length; j++) {
      if (states[j] === 0) continue;
      any = true;
      const kind = this.kinds[j];
      if (kind === SEG || kind === ANY) states[j + 1] = 1;
    }
    return any || states[this.kinds.length] === 1;
  }
}

export type CompiledPattern =
  | { kind: 'literal'; group: string }
  | { kind: 'all' }
  | { kind: 'pattern'; matcher: PatternMatcher };

/** What a pattern may be: its length, and unescaped `*` characters (a `**` counts two). */
export const WILDCARD_LIMITS = { maxPatternLength: 1024, maxStars: 5 } as const;

/** Parses a wildcard pattern; a syntax or size violation is a `{ error }` saying why. */
export function compilePattern(pattern: string): CompiledPattern | { error: string } {
  const fail = (why: string) => ({ error: why });
  if (pattern.length === 0) return fail('the pattern is empty.');
  if (pattern.length > WILDCARD_LIMITS.maxPatternLength) {
    return fail(`the pattern is longer than ${WILDCARD_LIMITS.maxPatternLength} characters.`);
  }
  const kinds: number[] = [];
  const codes: number[] = [];
  let stars = 0;
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i];
    if (ch === '\\') {
      const escaped = pattern[i + 1];
      if (escaped === undefined) return fail('it ends with a lone backslash.');
      if (escaped !== '*' && escaped !== '?' && escaped !== '\\') {
        return fail(`'\\${escaped}' is not an escape; only \\*, \\? and \\\\ are.`);
      }
      kinds.push(LIT);
      codes.push(escaped.charCodeAt(0));
      i += 2;
    } else if (ch === '*') {
      let end = i;
      while (pattern[end] === '*') end++;
      stars += end - i;
      kinds.push(end - i >= 2 ? ANY : SEG); // `***` behaves as `**`, as in the official emulator
      codes.push(0);
      i = end;
    } else {
      kinds.push(ch === '?' ? ONE : LIT);
      codes.push(pattern.charCodeAt(i));
      i += 1;
    }
  }
  if (stars > WILDCARD_LIMITS.maxStars) {
    return fail(`it has more than ${WILDCARD_LIMITS.maxStars} '*' characters.`);
  }
  if (kinds.every((k) => k === LIT)) {
    return { kind: 'literal', group: String.fromCharCode(...codes) };
  }
  if (kinds.length === 1 && kinds[0] === ANY) return { kind: 'all' };
  return {
    kind: 'pattern',
    matcher: new PatternMatcher(Uint8Array.from(kinds), Uint16Array.from(codes)),
  };
}
