// The typed binding layer over @azure/functions' Web PubSub factories: triggers, inputs, outputs,
// action builders, responses, payload types, setting names and how settings are read.
export * from './actions';
export * from './http';
export * from './inputs';
export * from './outputs';
export * from './responses';
export * from './settings';
export * from './storage-connection';
export * from './triggers';
export type * from './types';
export * from './web-pubsub-connection';
