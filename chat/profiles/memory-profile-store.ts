// In-memory ProfileStore, for tests of code that uses one.
import type { Profile } from '../policy';
import type { ProfileStore } from './types';

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
