// Paging rules shared by every HistoryStore, so that all of them answer the same way.
import type { HistoryPage, StoredChange, StoredEntry, StoredMessage } from './types';
import { isChange } from './types';

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

/** The seq range (after, upTo] of the page before `before`: the last `limit` seqs under it. */
export function beforeRange(before: number, limit: number): { after: number; upTo: number } {
  const upTo = Math.max(0, wholeNumber(before, 'before') - 1);
  return { after: Math.max(0, upTo - pageLimit(limit)), upTo };
}

/**
 * `entries` are the page's, oldest first; `after` the seq the page starts after; `latestSeq` the
 * newest the store found.
 */
export function historyPage(
  entries: readonly StoredEntry[],
  after: number,
  latestSeq: number,
): HistoryPage {
  const lastRead = entries.at(-1)?.seq;
  const latest = Math.max(latestSeq, lastRead ?? 0);
  const messages: StoredMessage[] = [];
  const changes: StoredChange[] = [];
  for (const e of entries) {
    if (isChange(e)) changes.push(e);
    else messages.push(e);
  }
  return {
    messages,
    changes,
    latestSeq: latest,
    hasMore: (lastRead ?? after) < latest,
    hasOlder: Math.min(after, latest) > 0,
  };
}
