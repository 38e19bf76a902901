// The app's services on in-memory stores, for calling function handlers directly (no host, no
// storage, no service): what `useServices` swaps in for the composition root.
import type { WebPubSubServiceClient } from '@azure/web-pubsub';

import { MemoryHistoryStore } from '../../../chat/history/memory-history-store';
import type { PolicyConfig } from '../../../chat/policy';
import { MemoryPresenceStore } from '../../../chat/presence/memory-presence-store';
import { MemoryProfileStore } from '../../../chat/profiles/memory-profile-store';
import { RateLimiter } from '../../../chat/rate-limit';
import { MemoryReadStateStore } from '../../../chat/reads/memory-read-state-store';
import { ChatService } from '../../../chat/service';
import type { AppServices } from '../../../functions/shared/app-services';

export function memoryServices(policy: Partial<PolicyConfig> = {}): AppServices {
  const presence = new MemoryPresenceStore();
  return {
    chat: new ChatService({
      history: new MemoryHistoryStore(),
      reads: new MemoryReadStateStore(),
      presence,
      limiter: new RateLimiter({ ratePerSecond: 100, burst: 100 }, () => 0),
      now: () => new Date('2026-01-01T00:00:00Z'),
    }),
    presence,
    profiles: new MemoryProfileStore(),
    policy: { allowGuests: true, bannedUsers: new Set(), ...policy },
    get serviceClient(): WebPubSubServiceClient {
      throw new Error('unit tests have no Web PubSub service');
    },
    liveView: {
      userExists: () => Promise.resolve(true),
      connectionExists: () => Promise.resolve(true),
    },
  };
}
