// The sweep of guest profile rows (written by guest negotiates before they stopped writing any),
// against a real Azurite: only rows exactly as that code wrote them go, a bounded number per run.
import { describe, expect, it } from 'vitest';

import { sweepGuestProfiles } from '../../adapters/profiles/guest-profile-sweep';
import { TableProfileStore } from '../../adapters/profiles/table-profile-store';
import { createStorageClients } from '../../adapters/storage/clients';
import { guestName } from '../../chat/policy';
import { useAzurite } from '../setup/azurite';

const azurite = useAzurite();
let tables = 0;

function freshTable() {
  const storage = createStorageClients({
    kind: 'connectionString',
    connectionString: azurite().connectionString,
  });
  const table = storage.table(`users${process.pid}x${(tables += 1)}`);
  return { table, profiles: new TableProfileStore(table) };
}

describe('sweepGuestProfiles', () => {
  it('deletes the rows old guest negotiates wrote and nothing else', async () => {
    const { table, profiles } = freshTable();
    const guest = (id: string) => ({ userId: id, name: guestName(id), roles: [] });
    await profiles.put(guest('guest-0a1b2c'));
    await profiles.put(guest('guest-ffee'));
    // Not as guest negotiate wrote them: roles, another name, not a guest id.
    await profiles.put({
      userId: 'guest-admin1',
      name: guestName('guest-admin1'),
      roles: ['admin'],
    });
    await profiles.put({ userId: 'guest-named', name: 'Grace', roles: [] });
    await profiles.put({ userId: 'ada', name: 'Ada', roles: [] });
    await profiles.put({ userId: 'guest.x', name: guestName('guest.x'), roles: [] });

    expect(await sweepGuestProfiles(table)).toBe(2);
    expect(await profiles.get('guest-0a1b2c')).toBeUndefined();
    expect(await profiles.get('guest-ffee')).toBeUndefined();
    for (const kept of ['guest-admin1', 'guest-named', 'ada', 'guest.x']) {
      expect(await profiles.get(kept), kept).toBeDefined();
    }
    expect(await sweepGuestProfiles(table)).toBe(0);
  });

  it('deletes at most `max` rows a run; the next run goes on', async () => {
    const { table, profiles } = freshTable();
    for (const id of ['guest-1', 'guest-2', 'guest-3']) {
      await profiles.put({ userId: id, name: guestName(id), roles: [] });
    }
    expect(await sweepGuestProfiles(table, 2)).toBe(2);
    expect(await sweepGuestProfiles(table, 2)).toBe(1);
    expect(await sweepGuestProfiles(table, 2)).toBe(0);
  });
});
