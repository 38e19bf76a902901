// The app's composition root: stores, policy and the service client, built from the app settings
// (named in bindings/settings.ts) once per instance on first use, never at import, so a host can
// load the app without settings. Every function gets its objects from `services()`.
import type { WebPubSubServiceClient } from '@azure/web-pubsub';

import { TableHistoryStore } from '../../adapters/history/table-history-store';
import { TablePresenceStore } from '../../adapters/presence/table-presence-store';
import { TableProfileStore } from '../../adapters/profiles/table-profile-store';
import { TableReadStateStore } from '../../adapters/reads/table-read-state-store';
import type { StorageClients } from '../../adapters/storage/clients';
import { createStorageClients } from '../../adapters/storage/clients';
import { createServiceClient, liveViewOf } from '../../adapters/web-pubsub/service-client';
import type { AppSettings } from '../../bindings';
import {
  ALLOW_GUESTS_SETTING,
  BANNED_USERS_SETTING,
  HISTORY_STORE_SETTING,
  readStorageConnection,
  readWebPubSubConnection,
  STORAGE_ACCOUNT_NAME_SETTING,
  STORAGE_CONNECTION,
  TABLES,
  WEB_PUBSUB_HUB_SETTING,
  webPubSubNotConfigured,
} from '../../bindings';
import { MemoryHistoryStore } from '../../chat/history/memory-history-store';
import type { PolicyConfig } from '../../chat/policy';
import { nameOf, parseUserList } from '../../chat/policy';
import type { PresenceStore } from '../../chat/presence/types';
import type { ProfileStore } from '../../chat/profiles/types';
import { RateLimiter } from '../../chat/rate-limit';
import { MemoryReadStateStore } from '../../chat/reads/memory-read-state-store';
import type { LiveView } from '../../chat/service';
import { ChatService } from '../../chat/service';
import { storageNotConfigured } from '../../chat/store-errors';
import { MESSAGE_RATE } from '../../chat-contract/limits';

export interface AppServices {
  readonly chat: ChatService;
  readonly presence: PresenceStore;
  readonly profiles: ProfileStore;
  readonly policy: PolicyConfig;
  readonly serviceClient: WebPubSubServiceClient;
  readonly liveView: LiveView;
}

/** Each part is built when first asked for: a function that needs no storage never opens any. */
export function createAppServices(settings: AppSettings): AppServices {
  const storage = once((): StorageClients => {
    const connection = readStorageConnection(settings);
    if (!connection) {
      throw storageNotConfigured(
        'table',
        `set ${STORAGE_CONNECTION} or ${STORAGE_ACCOUNT_NAME_SETTING} (a connection string, ` +
          'UseDevelopmentStorage=true, or identity-based settings)',
      );
    }
    return createStorageClients(connection);
  });
  const presence = once(() => new TablePresenceStore(storage().table(TABLES.presence)));
  const profiles = once(() => new TableProfileStore(storage().table(TABLES.users)));
  const chat = once(() => {
    const memory = settings[HISTORY_STORE_SETTING] === 'memory';
    return new ChatService({
      history: memory
        ? new MemoryHistoryStore()
        : new TableHistoryStore(storage().table(TABLES.history)),
      reads: memory
        ? new MemoryReadStateStore()
        : new TableReadStateStore(storage().table(TABLES.reads)),
      presence: presence(),
      limiter: new RateLimiter(MESSAGE_RATE),
      nameOf: (userId) => nameOf(profiles(), userId),
    });
  });
  const serviceClient = once(() => {
    const connection = readWebPubSubConnection(settings);
    if (!connection) throw webPubSubNotConfigured();
    return createServiceClient(connection, settings[WEB_PUBSUB_HUB_SETTING] ?? 'chat');
  });
  const liveView = once(() => liveViewOf(serviceClient()));
  return {
    get chat() {
      return chat();
    },
    get presence() {
      return presence();
    },
    get profiles() {
      return profiles();
    },
    // Read on every use, as before: a changed setting applies without a restart where the host allows.
    get policy() {
      return {
        allowGuests: settings[ALLOW_GUESTS_SETTING]?.toLowerCase() === 'true',
        bannedUsers: parseUserList(settings[BANNED_USERS_SETTING]),
      };
    },
    get serviceClient() {
      return serviceClient();
    },
    get liveView() {
      return liveView();
    },
  };
}

function once<T>(build: () => T): () => T {
  let value: { built: T } | undefined;
  return () => (value ??= { built: build() }).built;
}

let current: AppServices | undefined;

/** This instance's services, from `process.env` (as the worker sees the app settings). */
export function services(): AppServices {
  return (current ??= createAppServices(process.env));
}

/** Replaces the services (tests: in-memory stores); `undefined` goes back to the app settings. */
export function useServices(replacement: AppServices | undefined): void {
  current = replacement;
}
