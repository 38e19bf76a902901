// The PresenceStore conformance suite on the Table store, against a real Azurite.
import { describe } from 'vitest';

import { TablePresenceStore } from '../../adapters/presence/table-presence-store';
import { createStorageClients } from '../../adapters/storage/clients';
import type { PresenceStore } from '../../chat/presence/types';
import { useAzurite } from '../setup/azurite';
import { presenceStoreSuite } from '../unit/chat/stores/presence-store.suite';

const azurite = useAzurite();

describe('TablePresenceStore', () => {
  presenceStoreSuite(() => {
    const storage = createStorageClients({
      kind: 'connectionString',
      connectionString: azurite().connectionString,
    });
    // Every test gets its own table: `connections()` lists the whole `conn` partition.
    const tableName = `presence${process.pid}x${(tables += 1)}`;
    return {
      create: (): PresenceStore => new TablePresenceStore(storage.table(tableName)),
      twin: () => new TablePresenceStore(storage.table(tableName)),
    };
  });
});

let tables = 0;
