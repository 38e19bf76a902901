// Client message ids (PROTOCOL.md §2: 1–64 of A–Z a–z 0–9 _ . : -), unique per page load, so a
// message sent again after a timeout is recognised by the server and not delivered twice.
const PAGE = Math.random().toString(36).slice(2, 10);
let counter = 0;

export function nextMessageId(): string {
  return `c-${PAGE}-${++counter}`;
}
