// Deletes the profile rows guest negotiates used to write (one per guest, never read: `connect`
// names a guest from its id and grants it nothing). Only rows exactly as that code wrote them go:
// a `guest-` row key, no roles and the generated guest name, so no signed-in user's row is touched.
import { guestName } from '../../chat/policy';
import type { LazyTable } from '../storage/clients';
import { isNotFound } from '../storage/table-errors';

const PARTITION = 'user';
const GUEST_KEY_PREFIX = 'guest-';
/** Rows one sweep deletes at most: a backlog goes over several timer runs. */
export const MAX_SWEPT_PER_RUN = 1000;

interface ProfileRow {
  rowKey?: string;
  name?: string;
  roles?: string;
}

/** Resolves with the number of rows deleted. */
export async function sweepGuestProfiles(
  table: LazyTable,
  max = MAX_SWEPT_PER_RUN,
): Promise<number> {
  const client = await table.ready();
  // Row keys are the user id, `~`-escaped: a `guest-` id has nothing to escape, so its key keeps the
  // prefix, and `guest.` is the first key past every `guest-...` one.
  const rows = client.listEntities<ProfileRow>({
    queryOptions: {
      filter: `PartitionKey eq '${PARTITION}' and RowKey ge '${GUEST_KEY_PREFIX}' and RowKey lt 'guest.'`,
      select: ['RowKey', 'name', 'roles'],
    },
  });
  let swept = 0;
  for await (const row of rows) {
    if (swept >= max) break;
    const userId = row.rowKey;
    if (!userId?.startsWith(GUEST_KEY_PREFIX)) continue;
    if (row.roles !== '[]' || row.name !== guestName(userId)) continue;
    try {
      await client.deleteEntity(PARTITION, userId);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    swept += 1;
  }
  return swept;
}
