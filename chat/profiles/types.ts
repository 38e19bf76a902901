// Who a user is, as negotiate last saw them (name and roles from the principal), so `connect` can
// grant admin rights without trusting anything the client sends.
import type { Profile } from '../policy';

export interface ProfileStore {
  put(profile: Profile): Promise<void>;
  get(userId: string): Promise<Profile | undefined>;
}
