// Which page a request reads: a join reads the latest (or what follows `since`); `history` pages
// forwards from `since` or backwards from `before`.
import { DEFAULT_HISTORY_PAGE } from '../../chat-contract/limits';
import type { HistoryPage, HistoryStore } from './types';

export function joinPage(
  history: HistoryStore,
  key: string,
  since: number | undefined,
): Promise<HistoryPage> {
  return since === undefined
    ? history.latest(key, DEFAULT_HISTORY_PAGE)
    : history.since(key, since, DEFAULT_HISTORY_PAGE);
}

export function requestedPage(
  history: HistoryStore,
  key: string,
  e: { since?: number; before?: number; limit?: number },
): Promise<HistoryPage> {
  const limit = e.limit ?? DEFAULT_HISTORY_PAGE;
  return e.before !== undefined
    ? history.before(key, e.before, limit)
    : history.since(key, e.since ?? 0, limit);
}
