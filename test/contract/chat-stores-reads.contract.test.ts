// The ReadStateStore conformance suite on the Table store, against a real Azurite.
import { describe } from 'vitest';

import { TableReadStateStore } from '../../adapters/reads/table-read-state-store';
import { createStorageClients } from '../../adapters/storage/clients';
import type { ReadStateStore } from '../../chat/reads/types';
import { useAzurite } from '../setup/azurite';
import { readStateStoreSuite } from '../unit/chat/stores/read-state-store.suite';

const azurite = useAzurite();
const storage = () =>
  createStorageClients({ kind: 'connectionString', connectionString: azurite().connectionString });

describe('TableReadStateStore', () => {
  const tableName = `reads${process.pid}`;
  readStateStoreSuite(() => ({
    create: (): ReadStateStore => new TableReadStateStore(storage().table(tableName)),
    // Another store over the same table: another instance.
    twin: () => new TableReadStateStore(storage().table(tableName)),
  }));
});
