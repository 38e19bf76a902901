// The local stack as a library: the same `runStack` the `wps-stack` CLI runs, its options parser,
// and the pieces the test kit composes (the hub settings derived from an app, connection strings).
export type { StorageEndpoints } from './connection-strings';
export {
  AZURITE_ACCOUNT,
  AZURITE_ACCOUNT_KEY,
  storageConnectionString,
  storageEndpoints,
  webPubSubConnectionString,
} from './connection-strings';
export { StackError } from './errors';
export type { HostKeys } from './host';
export type { ListedFunction } from './hubs-from-app';
export { hubsFromApp } from './hubs-from-app';
export type { StackLog } from './log';
export { stackLog } from './log';
export type { StackLogLevel, StackOptions } from './options';
export { parseStackArgs, USAGE } from './options';
export { runStack } from './stack';
export type { RunningStack, StackUrls, StartStackOptions } from './start-stack';
export { startStack, WEBHOOK_PATH } from './start-stack';
