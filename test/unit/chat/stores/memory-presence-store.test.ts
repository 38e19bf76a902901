// The PresenceStore conformance suite on the in-memory store.
import { describe } from 'vitest';

import { MemoryPresenceStore } from '../../../../chat/presence/memory-presence-store';
import type { PresenceStore } from '../../../../chat/presence/types';
import { presenceStoreSuite } from './presence-store.suite';

describe('MemoryPresenceStore', () => {
  presenceStoreSuite(() => ({
    create: (): PresenceStore => new MemoryPresenceStore(),
    // One process holds one memory store: the "second instance" is the same object.
    twin: (of) => of,
  }));
});
