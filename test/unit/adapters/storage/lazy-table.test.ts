// lazyTable: one createTable for all callers, and a failed one is tried again by the next caller.
import type { TableClient } from '@azure/data-tables';
import { describe, expect, it } from 'vitest';

import { lazyTable } from '../../../../adapters/storage/clients';

function fakeClient(outcomes: (Error | undefined)[]) {
  let calls = 0;
  const client = {
    createTable: () => {
      const outcome = outcomes[calls++];
      return outcome ? Promise.reject(outcome) : Promise.resolve();
    },
  };
  return { client: client as unknown as TableClient, calls: () => calls };
}

describe('lazyTable', () => {
  it('creates the table once for concurrent and later callers', async () => {
    const fake = fakeClient([undefined]);
    const table = lazyTable(fake.client);
    expect(await Promise.all([table.ready(), table.ready()])).toEqual([fake.client, fake.client]);
    await table.ready();
    expect(fake.calls()).toBe(1);
  });

  it('tries again after a failed creation', async () => {
    const fake = fakeClient([new Error('unavailable'), undefined]);
    const table = lazyTable(fake.client);
    await expect(table.ready()).rejects.toThrow('unavailable');
    await expect(table.ready()).resolves.toBe(fake.client);
    await table.ready();
    expect(fake.calls()).toBe(2);
  });
});
