// WebSocket subprotocol names the service understands, and which of them are reliable.

export const JSON_SUBPROTOCOL = 'json.webpubsub.azure.v1';
export const JSON_RELIABLE_SUBPROTOCOL = 'json.reliable.webpubsub.azure.v1';
export const PROTOBUF_SUBPROTOCOL = 'protobuf.webpubsub.azure.v1';
export const PROTOBUF_RELIABLE_SUBPROTOCOL = 'protobuf.reliable.webpubsub.azure.v1';

/** Subprotocols whose frames the service parses as Web PubSub messages (JSON flavour). */
export const JSON_SUBPROTOCOLS = [JSON_SUBPROTOCOL, JSON_RELIABLE_SUBPROTOCOL] as const;
export type JsonSubprotocol = (typeof JSON_SUBPROTOCOLS)[number];

export function isJsonSubprotocol(name: string | undefined): name is JsonSubprotocol {
  return name === JSON_SUBPROTOCOL || name === JSON_RELIABLE_SUBPROTOCOL;
}

export const PROTOBUF_SUBPROTOCOLS = [PROTOBUF_SUBPROTOCOL, PROTOBUF_RELIABLE_SUBPROTOCOL] as const;

export function isProtobufSubprotocol(name: string | undefined): boolean {
  return name === PROTOBUF_SUBPROTOCOL || name === PROTOBUF_RELIABLE_SUBPROTOCOL;
}

/** Every subprotocol the service itself speaks (the rest are custom ones for raw clients). */
export const WEBPUBSUB_SUBPROTOCOLS: readonly string[] = [
  ...JSON_SUBPROTOCOLS,
  ...PROTOBUF_SUBPROTOCOLS,
];

export function isReliableSubprotocol(name: string | undefined): boolean {
  return name === JSON_RELIABLE_SUBPROTOCOL || name === PROTOBUF_RELIABLE_SUBPROTOCOL;
}

/** Query parameters a reliable client adds when it reconnects. */
export const RECONNECT_QUERY = {
  connectionId: 'awps_connection_id',
  reconnectionToken: 'awps_reconnection_token',
} as const;

/** WebSocket close codes the service uses. */
export const CLOSE_CODES = {
  normal: 1000,
  unsupportedData: 1003,
  invalidPayload: 1007,
  policyViolation: 1008,
  messageTooBig: 1009,
  internalError: 1011,
} as const;
