// The ReadStateStore conformance suite on the in-memory store.
import { describe } from 'vitest';

import { MemoryReadStateStore } from '../../../../chat/reads/memory-read-state-store';
import type { ReadStateStore } from '../../../../chat/reads/types';
import { readStateStoreSuite } from './read-state-store.suite';

describe('MemoryReadStateStore', () => {
  readStateStoreSuite(() => ({
    create: (): ReadStateStore => new MemoryReadStateStore(),
    twin: (of) => of,
  }));
});
