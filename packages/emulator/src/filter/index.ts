// Public entry: compiles an OData `filter` (Web PubSub REST API) into a cached predicate.
import { LruCache } from './cache';
import { compileTree } from './compile';
import { filterError, FilterSyntaxError, serviceSyntaxError } from './fail';
import { tokenize } from './lexer';
import { parse } from './parser';
import type { FilterPredicate } from './types';
import { ALWAYS } from './types';

export { MAX_FILTER_DEPTH } from './parser';
export type { FilterPredicate, FilterTarget } from './types';

/**
 * The docs give no character limit (only "over 100 clauses risks the limit"); the service is
 * bounded by its URL length. 4096 keeps parsing cheap and fits any reasonable generated filter.
 */
export const MAX_FILTER_LENGTH = 4096;

/** How many distinct compiled filters are kept (least recently used evicted first). */
export const FILTER_CACHE_SIZE = 256;

const cache = new LruCache<FilterPredicate>(FILTER_CACHE_SIZE);

/**
 * Parses and type-checks `text` and returns a predicate over connections. Cached: the same text
 * returns the same predicate (predicates are pure, so sharing them is safe); failures are not
 * cached. Throws the EmulatorError from `invalidFilter` (400, EMU_ERR_INVALID_FILTER) on any
 * syntax, type or limit error, naming the 0-based position. An empty string matches every
 * connection, as in the service's emulator (no filter); whitespace alone is an error.
 */
export function compileFilter(text: string): FilterPredicate {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const predicate = compileFilterUncached(text);
  cache.set(text, predicate);
  return predicate;
}

/** The same without the cache, for callers that compile a filter once and keep it. */
export function compileFilterUncached(text: string): FilterPredicate {
  if (text.length > MAX_FILTER_LENGTH) {
    throw filterError(
      `the filter is ${text.length} characters long; the limit is ${MAX_FILTER_LENGTH}`,
    );
  }
  if (text === '') return ALWAYS;
  let tree: ReturnType<typeof parse>;
  try {
    tree = parse(tokenize(text));
  } catch (err) {
    throw err instanceof FilterSyntaxError ? serviceSyntaxError(text, err) : err;
  }
  return compileTree(tree);
}
