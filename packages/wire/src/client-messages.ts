// Frames of the json.webpubsub.azure.v1 family: what clients send and what the service sends back.
// Protobuf clients get the same messages in protobuf form (see protobuf-schema.ts).

/** How message data is typed on the wire. `protobuf` exists only for protobuf clients. */
export type DataType = 'text' | 'json' | 'binary' | 'protobuf';

export type Metadata = Record<string, string>;

export interface JoinGroupRequest {
  type: 'joinGroup';
  group: string;
  ackId?: number;
}

export interface LeaveGroupRequest {
  type: 'leaveGroup';
  group: string;
  ackId?: number;
}

export interface SendToGroupRequest {
  type: 'sendToGroup';
  group: string;
  data: unknown;
  dataType?: DataType;
  noEcho?: boolean;
  ackId?: number;
  metadata?: Metadata;
  ttlSeconds?: number;
}

export interface EventRequest {
  type: 'event';
  event: string;
  data?: unknown;
  dataType?: DataType;
  ackId?: number;
  metadata?: Metadata;
}

export interface SequenceAckRequest {
  type: 'sequenceAck';
  sequenceId: number;
}

export interface PingRequest {
  type: 'ping';
}

/** A request/response call to the server: `target: 'event'` is the only target there is. */
export interface InvokeRequest {
  type: 'invoke';
  invocationId: string;
  target: 'event';
  event: string;
  data?: unknown;
  dataType?: DataType;
}

/** The client stops waiting for an invocation. */
export interface CancelInvocationRequest {
  type: 'cancelInvocation';
  invocationId: string;
}

/** `sendToGroup` with `stream`: opens a group stream the client then writes with streamData. */
export interface StreamStartRequest {
  type: 'streamStart';
  group: string;
  streamId: string;
  idleTimeoutMs?: number;
  noEcho: boolean;
}

/** One ordered fragment (`streamSequenceId` from 1), or a keep-alive (no sequence id, no data). */
export interface StreamDataRequest {
  type: 'streamData';
  streamId: string;
  streamSequenceId?: number;
  data?: unknown;
  dataType?: DataType;
}

/** The writer ends its stream; with `error` it aborts it. */
export interface StreamEndRequest {
  type: 'streamEnd';
  streamId: string;
  error?: { message?: string; userErrorCode?: string };
}

export type ClientRequest =
  | JoinGroupRequest
  | LeaveGroupRequest
  | SendToGroupRequest
  | EventRequest
  | InvokeRequest
  | CancelInvocationRequest
  | StreamStartRequest
  | StreamDataRequest
  | StreamEndRequest
  | SequenceAckRequest
  | PingRequest;

/** Error names the service puts in a failed ack. */
export type AckErrorName = 'Forbidden' | 'InternalServerError' | 'Duplicate' | 'BadRequest';

/** Error names of a failed invokeResponse: the ack names, and `Timeout` for an unanswered call. */
export type InvokeErrorName = AckErrorName | 'Timeout';

/** The answer to an invoke: the handler's reply (as a server message's data), or an error. */
export interface InvokeResponseMessage {
  type: 'invokeResponse';
  invocationId: string;
  success: boolean;
  dataType?: DataType;
  data?: unknown;
  error?: { name: InvokeErrorName; message: string };
}

export interface AckMessage {
  type: 'ack';
  ackId: number;
  success: boolean;
  error?: { name: AckErrorName; message: string };
}

/** Where a group message sits in a group stream. */
export interface StreamInfo {
  streamId: string;
  streamSequenceId: number;
  endOfStream?: boolean;
  error?: { name: string; message: string; userErrorCode?: string };
}

export interface GroupDataMessage {
  type: 'message';
  from: 'group';
  group: string;
  fromUserId: string | null;
  dataType: DataType;
  data: unknown;
  sequenceId?: number;
  metadata?: Metadata;
  stream?: StreamInfo;
}

/** To a stream's writer: every fragment before `expectedSequenceId` arrived. */
export interface StreamAckMessage {
  type: 'streamAck';
  streamId: string;
  expectedSequenceId: number;
}

/** To a stream's writer: a fragment was refused; resend from `expectedSequenceId`. */
export interface StreamNackMessage {
  type: 'streamNack';
  streamId: string;
  name: string;
  message: string;
  expectedSequenceId: number;
}

/** To a stream's writer: the service closed the stream (with the reason when it failed). */
export interface StreamClosedMessage {
  type: 'streamClosed';
  streamId: string;
  error?: { name: string; message: string };
}

export interface ServerDataMessage {
  type: 'message';
  from: 'server';
  dataType: DataType;
  data: unknown;
  sequenceId?: number;
  metadata?: Metadata;
}

export interface ConnectedSystemMessage {
  type: 'system';
  event: 'connected';
  userId: string | null;
  connectionId: string;
  reconnectionToken?: string;
}

export interface DisconnectedSystemMessage {
  type: 'system';
  event: 'disconnected';
  message: string;
}

export interface PongMessage {
  type: 'pong';
}

export type ServiceMessage =
  | AckMessage
  | GroupDataMessage
  | ServerDataMessage
  | ConnectedSystemMessage
  | DisconnectedSystemMessage
  | PongMessage
  | InvokeResponseMessage;

/** Messages outside the data stream: never sequenced, never replayed. */
export type ControlMessage =
  AckMessage | ConnectedSystemMessage | DisconnectedSystemMessage | PongMessage;
