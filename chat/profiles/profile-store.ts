// Who a user is, as negotiate last saw them (name and roles from the principal), so `connect` can
// grant admin rights without trusting anything the client sends.
import type { Profile } from '../policy';
import type { LazyTable } from '../storage/clients';

export interface ProfileStore {
  put(profile: Profile): Promise<void>;
  get(userId: string): Promise<Profile | undefined>;
}

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
      return { userId, name: e.name, roles: JSON.parse(e.roles) as string[] };
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return undefined;
      throw err;
    }
  }
}

export class MemoryProfileStore implements ProfileStore {
  readonly #profiles = new Map<string, Profile>();
  put(profile: Profile): Promise<void> {
    this.#profiles.set(profile.userId, profile);
    return Promise.resolve();
  }
  get(userId: string): Promise<Profile | undefined> {
    return Promise.resolve(this.#profiles.get(userId));
  }
}

// Row keys may not contain / \ # ? or control characters; user ids from identity providers might.
function rowKey(userId: string): string {
  return encodeURIComponent(userId).replace(/%/g, '~');
}
