// The room-name rule (the contract's ROOM_NAME) as an HTML `pattern` attribute. Browsers compile a
// `pattern` with the `v` flag, where `-` inside a character class must be escaped: the contract's
// source (`[A-Za-z0-9_-]`) is a syntax error there, and Chromium then skips validation altogether.
import { ROOM_NAME } from '../../chat-contract/limits';

/** `ROOM_NAME` without its anchors (a `pattern` is anchored by the browser), valid under `v`. */
export const ROOM_NAME_PATTERN = toVFlagPattern(ROOM_NAME);

export function toVFlagPattern(re: RegExp): string {
  const source = re.source.replace(/^\^/u, '').replace(/\$$/u, '');
  // Escape a bare `-` at the end of a class ("_-]"): the only v-mode syntax character the
  // contract's patterns use unescaped.
  return source.replace(/(?<!\\)-\]/gu, '\\-]');
}
