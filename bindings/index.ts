// The typed binding layer over @azure/functions' Web PubSub factories: triggers, inputs, outputs,
// action builders, responses, payload types and setting names.
export * from './actions';
export * from './deliveries';
export * from './http';
export * from './responses';
export * from './settings';
export * from './triggers';
export type * from './types';
