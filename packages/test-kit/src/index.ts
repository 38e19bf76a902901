// The test kit: an isolated local stack per test file, official clients as given users, reset().
export type { ConnectOptions, LocalStack, LocalStackOptions } from './local-stack';
export { startLocalStack } from './local-stack';
export type { DataMessage, RecordedClient } from './recorded-client';
export {
  negotiate,
  payloads,
  recordClient,
  serviceClient,
  stopAllClients,
} from './recorded-client';
