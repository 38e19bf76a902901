// The operations a client's frames decode to, whatever their subprotocol. `data` is a string when
// it failed validation: that is reported where the operation would use it, so permission and
// Duplicate answers take precedence.
import type { Metadata } from '@wps-local/wire';

import type { OutboundData } from './outbound';

export type ClientOp =
  | { type: 'joinGroup' | 'leaveGroup'; group: string; ackId?: number }
  | {
      type: 'sendToGroup';
      group: string;
      data: OutboundData | string;
      noEcho: boolean;
      ackId?: number;
    }
  | {
      type: 'event';
      event: string;
      data: OutboundData | string;
      metadata?: Metadata;
      ackId?: number;
    }
  /** An event the client waits on: the handler's reply comes back as its invokeResponse. */
  | { type: 'invoke'; invocationId: string; event: string; data: OutboundData | string }
  | { type: 'cancelInvocation'; invocationId: string }
  | {
      type: 'streamStart';
      group: string;
      streamId: string;
      idleTimeoutMs?: number;
      noEcho: boolean;
    }
  /** `data` absent: a keep-alive. */
  | {
      type: 'streamData';
      streamId: string;
      streamSequenceId?: number;
      data?: OutboundData | string;
    }
  | { type: 'streamEnd'; streamId: string; error?: { message?: string; userErrorCode?: string } }
  | { type: 'sequenceAck'; sequenceId: number }
  | { type: 'ping' }
  /** A raw client's frame: what it does depends on the connection's raw mode. */
  | { type: 'raw'; data: OutboundData };
