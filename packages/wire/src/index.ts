// The Web PubSub wire contract as types and constants: no I/O, shared by bindings/ and local/.
export * from './client-messages';
export * from './cloud-events';
export * from './mqtt';
export * from './names';
export * from './protobuf-schema';
export * from './rest';
export * from './rest-operations';
export * from './roles';
export * from './subprotocols';
