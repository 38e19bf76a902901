// App setting names, in one place: the Web PubSub extension's own names, storage, and the app's.
// An infra test checks that Bicep sets the same names.

/** Connection to Web PubSub (`Endpoint=...;AccessKey=...` locally; `__serviceUri` + identity in Azure). */
export const WEB_PUBSUB_CONNECTION = 'WebPubSubConnectionString';
/** The hub every binding uses, resolved by the host as `%WebPubSubHub%`. */
export const WEB_PUBSUB_HUB_SETTING = 'WebPubSubHub';
export const HUB = `%${WEB_PUBSUB_HUB_SETTING}%`;
/** The Functions host's storage, also used for the app's queues and tables. */
export const STORAGE_CONNECTION = 'AzureWebJobsStorage';
/** Queue any backend drops notifications on (pushed to a user or room). */
export const NOTIFICATIONS_QUEUE = 'notifications';
/** Queue the app puts `room_occupied` / `room_vacated` events on, for any backend to consume. */
export const OCCUPANCY_QUEUE = 'occupancy';
