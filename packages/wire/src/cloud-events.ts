// The CloudEvents (binary mode) contract between the service and an event handler.

export const CE_HEADERS = {
  specVersion: 'ce-specversion',
  awpsVersion: 'ce-awpsversion',
  type: 'ce-type',
  source: 'ce-source',
  id: 'ce-id',
  time: 'ce-time',
  hub: 'ce-hub',
  connectionId: 'ce-connectionid',
  eventName: 'ce-eventname',
  userId: 'ce-userid',
  subprotocol: 'ce-subprotocol',
  connectionState: 'ce-connectionstate',
  signature: 'ce-signature',
} as const;

export const WEBHOOK_REQUEST_ORIGIN = 'webhook-request-origin';
export const WEBHOOK_ALLOWED_ORIGIN = 'webhook-allowed-origin';
/** Per-message metadata travels as `x-webpubsub-metadata-<key>` headers. */
export const METADATA_HEADER_PREFIX = 'x-webpubsub-metadata-';

export const SYSTEM_EVENT_PREFIX = 'azure.webpubsub.sys.';
export const USER_EVENT_PREFIX = 'azure.webpubsub.user.';
/** Group presence events (`joined` / `left`), as @azure/web-pubsub-express 1.1 reads them. */
export const GROUP_PRESENCE_EVENT_PREFIX = 'azure.webpubsub.gp.';

export const GROUP_PRESENCE_EVENTS = ['joined', 'left'] as const;
export type GroupPresenceEventName = (typeof GROUP_PRESENCE_EVENTS)[number];

export function groupPresenceEventType(name: GroupPresenceEventName): string {
  return GROUP_PRESENCE_EVENT_PREFIX + name;
}

export const SYSTEM_EVENTS = ['connect', 'connected', 'disconnected'] as const;
export type SystemEventName = (typeof SYSTEM_EVENTS)[number];

/** Which system events block the client until the handler answers. */
export const BLOCKING_SYSTEM_EVENTS: ReadonlySet<SystemEventName> = new Set(['connect']);

export function systemEventType(name: SystemEventName): string {
  return SYSTEM_EVENT_PREFIX + name;
}

export function userEventType(name: string): string {
  return USER_EVENT_PREFIX + name;
}

/** The event name a raw WebSocket client's frames are delivered under. */
export const RAW_MESSAGE_EVENT = 'message';

export const CONTENT_TYPES = {
  text: 'text/plain',
  json: 'application/json',
  binary: 'application/octet-stream',
  protobuf: 'application/x-protobuf',
} as const;

/** Body of the blocking `connect` event. */
export interface ConnectEventBody {
  claims: Record<string, string[]>;
  query: Record<string, string[]>;
  headers: Record<string, string[]>;
  subprotocols: string[];
  clientCertificates: { thumbprint: string; content?: string }[];
}

/** What a `connect` handler may answer with (every field optional; null means unchanged). */
export interface ConnectEventResponse {
  userId?: string | null;
  groups?: string[] | null;
  roles?: string[] | null;
  subprotocol?: string | null;
}
