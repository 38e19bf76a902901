// Paging rules shared by every HistoryStore, so that all of them answer the same way.
import type { HistoryPage, StoredMessage } from './types';

/** One Table query page; larger limits are served this many at a time. */
const MAX_PAGE = 1000;

function wholeNumber(value: number, what: string): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new TypeError(`${what} must be a number, got ${String(value)}`);
  }
  return Math.max(0, Math.floor(value));
}

export function pageLimit(limit: number): number {
  return Math.min(MAX_PAGE, wholeNumber(limit, 'limit'));
}

export function sinceSeq(since: number): number {
  return wholeNumber(since, 'since');
}

/** `after` is the seq the page starts after; `latestSeq` the newest the store found. */
export function historyPage(
  messages: StoredMessage[],
  after: number,
  latestSeq: number,
): HistoryPage {
  const lastRead = messages.at(-1)?.seq;
  const latest = Math.max(latestSeq, lastRead ?? 0);
  return { messages, latestSeq: latest, hasMore: (lastRead ?? after) < latest };
}
