// Web PubSub trigger payloads as the Functions extension hands them to a Node function whose trigger
// binding is named `request` (enums PascalCase, header and query values as arrays).

export interface ConnectionContext {
  eventType: 'System' | 'User';
  eventName: string;
  hub: string;
  connectionId: string;
  userId?: string | null;
  origin?: string;
  /** Connection states set by earlier responses, as JSON values. */
  states?: Record<string, unknown>;
  headers?: Record<string, string[]>;
}

export interface ConnectRequest {
  connectionContext: ConnectionContext;
  claims?: Record<string, string[]>;
  query?: Record<string, string[]>;
  headers?: Record<string, string[]>;
  subprotocols?: string[];
  clientCertificates?: { thumbprint?: string; content?: string }[];
}

export interface ConnectedRequest {
  connectionContext: ConnectionContext;
}

export interface DisconnectedRequest {
  connectionContext: ConnectionContext;
  reason?: string | null;
}

export interface UserEventRequest {
  connectionContext: ConnectionContext;
  /** The message body as text (binary bodies arrive UTF-8 decoded). */
  data: string;
  dataType: 'Text' | 'Json' | 'Binary';
}

/** What the `webPubSubConnection` input gives negotiate. */
export interface WebPubSubConnectionInfo {
  baseUrl: string;
  url: string;
  accessToken: string;
}
