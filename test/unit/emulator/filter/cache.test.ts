// The LRU cache and compileFilter's use of it.
import { describe, expect, it } from 'vitest';

import { LruCache } from '../../../../packages/emulator/src/filter/cache';
import { compileFilter, FILTER_CACHE_SIZE } from '../../../../packages/emulator/src/filter/index';

describe('LruCache', () => {
  it('evicts the least recently used entry when full', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('replaces a value without growing', () => {
    const cache = new LruCache<string>(2);
    cache.set('a', 'x');
    cache.set('a', 'y');
    expect(cache.size).toBe(1);
    expect(cache.get('a')).toBe('y');
  });

  it('clears', () => {
    const cache = new LruCache<number>(3);
    cache.set('a', 1);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get('a')).toBeUndefined();
  });

  it('rejects a capacity below 1', () => {
    expect(() => new LruCache<number>(0)).toThrow(RangeError);
    expect(() => new LruCache<number>(1.5)).toThrow(RangeError);
  });
});

describe('compileFilter cache', () => {
  it('returns the same predicate for the same text', () => {
    const text = "userId eq 'cached-user'";
    expect(compileFilter(text)).toBe(compileFilter(text));
    expect(compileFilter(text)).not.toBe(compileFilter(`${text} `));
  });

  it(`keeps at most ${FILTER_CACHE_SIZE} filters, dropping the least recently used`, () => {
    const first = "'cache-probe-0' in groups";
    const kept = compileFilter(first);
    for (let i = 1; i <= FILTER_CACHE_SIZE; i++) compileFilter(`'cache-probe-${i}' in groups`);
    const again = compileFilter(first);
    expect(again).not.toBe(kept);
    const target = {
      connectionId: 'c',
      userId: null,
      groups: new Set(['cache-probe-0']),
      protocol: null,
    };
    expect(again(target)).toBe(true);
  });

  it('does not cache failures: the same bad text throws every time', () => {
    expect(() => compileFilter('userId eq')).toThrow('Invalid syntax for');
    expect(() => compileFilter('userId eq')).toThrow('Invalid syntax for');
  });
});
