// The Web PubSub service emulator as a library: `startEmulator(options)` → { url, connectionString, close }.
export { WELL_KNOWN_ACCESS_KEY } from './auth/well-known-key';
export type { EmulatorConfig, EventHandlerSettings, HubSettings } from './config';
export { parseEmulatorConfig } from './config';
export type {
  ClientUrlOptions,
  DeliveryFaultOptions,
  InspectedFault,
  LogWatcher,
  SendOptions,
  ThrottleRestOptions,
  UpstreamFaultOptions,
} from './inspector/client';
export { InspectorClient, InspectorFaults } from './inspector/client';
export type { LogEntry, LogKind, Outcome } from './inspector/live-log';
export type { ConnectionView, HubView, InspectorState } from './inspector/snapshot';
export type { ResetResult } from './management/client';
export { EmulatorManagementClient } from './management/client';
export type { EmulatorOptions } from './options';
export type { RunningEmulator } from './server';
export { startEmulator } from './server';
