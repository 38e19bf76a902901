// The HistoryStore conformance suite on the in-memory store.
import { describe } from 'vitest';

import { MemoryHistoryStore } from '../../../../chat/history/memory-history-store';
import type { HistoryStore } from '../../../../chat/history/types';
import { historyChangesSuite } from './history-changes.suite';
import { historyStoreSuite } from './history-store.suite';

describe('MemoryHistoryStore', () => {
  const factory = () => ({
    create: (): HistoryStore => new MemoryHistoryStore(),
    // One process holds one memory store: the "second instance" is the same object.
    twin: (of: HistoryStore) => of,
  });
  historyStoreSuite(factory);
  historyChangesSuite(factory);
});
