// The offline Azure Functions host as a library: `startHost(options)` → { url, functions, close }.
export type { ExtensionFactory, HostExtension, HostServices, TriggerEvent } from './extension';
export type { HostLogger, HostLogLevel } from './logger';
export type { HostOptions } from './options';
export type { FunctionSummary, RunningHost } from './server';
export { startHost } from './server';
