// ProfileStore on Azure Table Storage: one row per user in the `user` partition.
import type { Profile } from '../../chat/policy';
import type { ProfileStore } from '../../chat/profiles/types';
import type { LazyTable } from '../storage/clients';
import { isNotFound } from '../storage/table-errors';

const PARTITION = 'user';

export class TableProfileStore implements ProfileStore {
  constructor(private readonly table: LazyTable) {}

  async put(profile: Profile): Promise<void> {
    const table = await this.table.ready();
    await table.upsertEntity(
      {
        partitionKey: PARTITION,
        rowKey: rowKey(profile.userId),
        name: profile.name,
        roles: JSON.stringify(profile.roles),
      },
      'Replace',
    );
  }

  async get(userId: string): Promise<Profile | undefined> {
    try {
      const table = await this.table.ready();
      const e = await table.getEntity<{ name: string; roles: string }>(PARTITION, rowKey(userId));
      const roles: unknown = JSON.parse(e.roles);
      return { userId, name: e.name, roles: Array.isArray(roles) ? roles.map(String) : [] };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }
}

// Row keys may not contain / \ # ? or control characters; user ids from identity providers might.
function rowKey(userId: string): string {
  return encodeURIComponent(userId).replace(/%/g, '~');
}
