// The app's composition root: stores, policy and the service client, built once per instance from
// app settings on first use (never at import, so the host can load the app without settings).
import type { WebPubSubServiceClient } from '@azure/web-pubsub';

import { MemoryHistoryStore } from './history/memory-history-store';
import { TableHistoryStore } from './history/table-history-store';
import type { PolicyConfig } from './policy';
import { parseUserList } from './policy';
import { TablePresenceStore } from './presence/table-presence-store';
import type { PresenceStore } from './presence/types';
import type { ProfileStore } from './profiles/profile-store';
import { TableProfileStore } from './profiles/profile-store';
import { RateLimiter } from './rate-limit';
import type { LiveView } from './service';
import { ChatService } from './service';
import { createStorageClients } from './storage/clients';
import { createServiceClient } from './web-pubsub';

/** App settings of the chat itself (Web PubSub and storage use the extension's names). */
export const CHAT_SETTINGS = {
  /** `true` lets people without a principal negotiate as guests (on locally, off in Azure). */
  allowGuests: 'CHAT_ALLOW_GUESTS',
  /** Comma-separated user ids refused at connect. */
  bannedUsers: 'CHAT_BANNED_USERS',
  /** `memory` keeps room history in this instance's memory, not Table Storage (benchmarks only). */
  historyStore: 'CHAT_HISTORY_STORE',
} as const;

export const TABLES = { history: 'history', presence: 'presence', users: 'users' } as const;
/** Messages per second per connection, and the burst a quiet connection may send. */
export const MESSAGE_RATE = { ratePerSecond: 20, burst: 40 };

let services: { chat: ChatService; presence: PresenceStore; profiles: ProfileStore } | undefined;
let client: WebPubSubServiceClient | undefined;

function build() {
  const storage = createStorageClients(process.env);
  const presenceStore = new TablePresenceStore(storage.table(TABLES.presence));
  return {
    presence: presenceStore,
    profiles: new TableProfileStore(storage.table(TABLES.users)),
    chat: new ChatService({
      history:
        process.env[CHAT_SETTINGS.historyStore] === 'memory'
          ? new MemoryHistoryStore()
          : new TableHistoryStore(storage.table(TABLES.history)),
      presence: presenceStore,
      limiter: new RateLimiter(MESSAGE_RATE),
    }),
  };
}

export const chat = () => (services ??= build()).chat;
export const presence = () => (services ??= build()).presence;
export const profiles = () => (services ??= build()).profiles;

export function policyConfig(): PolicyConfig {
  return {
    allowGuests: process.env[CHAT_SETTINGS.allowGuests]?.toLowerCase() === 'true',
    bannedUsers: parseUserList(process.env[CHAT_SETTINGS.bannedUsers]),
  };
}

export function serviceClient(): WebPubSubServiceClient {
  return (client ??= createServiceClient(
    process.env,
    'WebPubSubConnectionString',
    process.env.WebPubSubHub ?? 'chat',
  ));
}

export function liveView(): LiveView {
  const c = serviceClient();
  return {
    userExists: (userId) => c.userExists(userId),
    connectionExists: (connectionId) => c.connectionExists(connectionId),
  };
}
