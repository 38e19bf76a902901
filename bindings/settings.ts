// App setting names, in one place: the Web PubSub extension's own names, storage, and the app's; and
// the queues and tables the app uses. An infra test checks that Bicep sets and creates the same.

/** Connection to Web PubSub (`Endpoint=...;AccessKey=...` locally; `__serviceUri` + identity in Azure). */
export const WEB_PUBSUB_CONNECTION = 'WebPubSubConnectionString';
/** The hub every binding uses, resolved by the host as `%WebPubSubHub%`. */
export const WEB_PUBSUB_HUB_SETTING = 'WebPubSubHub';
export const HUB = `%${WEB_PUBSUB_HUB_SETTING}%`;

/** The Functions host's storage, also used for the app's queues and tables. */
export const STORAGE_CONNECTION = 'AzureWebJobsStorage';
export const STORAGE_ACCOUNT_NAME_SETTING = 'AzureWebJobsStorage__accountName';
export const STORAGE_TABLE_URI_SETTING = 'AzureWebJobsStorage__tableServiceUri';
export const STORAGE_QUEUE_URI_SETTING = 'AzureWebJobsStorage__queueServiceUri';
export const STORAGE_CREDENTIAL_SETTING = 'AzureWebJobsStorage__credential';
export const STORAGE_CLIENT_ID_SETTING = 'AzureWebJobsStorage__clientId';

/** `true` lets people without a principal negotiate as guests (on locally, off in Azure). */
export const ALLOW_GUESTS_SETTING = 'CHAT_ALLOW_GUESTS';
/** Comma-separated user ids refused at connect. */
export const BANNED_USERS_SETTING = 'CHAT_BANNED_USERS';
/** `memory` keeps room history in this instance's memory, not Table Storage (benchmarks only). */
export const HISTORY_STORE_SETTING = 'CHAT_HISTORY_STORE';

/** Queue any backend drops notifications on (pushed to a user or room). */
export const NOTIFICATIONS_QUEUE = 'notifications';
/** Queue the app puts `room_occupied` / `room_vacated` events on, for any backend to consume. */
export const OCCUPANCY_QUEUE = 'occupancy';
/** The tables the app opens (created on first use). */
export const TABLES = {
  history: 'history',
  presence: 'presence',
  reads: 'reads',
  users: 'users',
} as const;

/** App settings as the worker sees them (`process.env` in Azure and under the offline host). */
export type AppSettings = Readonly<Record<string, string | undefined>>;
