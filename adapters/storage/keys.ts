// Table keys from user-supplied strings: PartitionKey and RowKey forbid / \ # ? and control
// characters and are limited to 1 KiB, so values are escaped, and long ones are hashed.
import { createHash } from 'node:crypto';

// `%` is escaped so that escaping stays injective, `~` so that no plain key looks hashed.
// \p{Cc} is exactly the control characters the service refuses (U+0000-001F, U+007F-009F).
const ESCAPED = /[%~/\\#?\p{Cc}]/gu;
// 256 UTF-16 code units stay under 1 KiB however the service counts them.
const MAX_PLAIN = 256;

export function tableKey(value: string): string {
  const escaped = value.replace(
    ESCAPED,
    (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  if (escaped.length <= MAX_PLAIN) return escaped;
  return `~${createHash('sha256').update(value).digest('base64url')}`;
}

/** Zero-padded so that RowKey order (lexical) is sequence order. */
export function padSeq(seq: number): string {
  return String(seq).padStart(12, '0');
}
