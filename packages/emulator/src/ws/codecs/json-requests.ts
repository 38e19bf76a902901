// Client frames of both JSON subprotocols: text only, each parsed and validated into an operation.
import type { ClientRequest } from '@wps-local/wire';

import type { ClientOp } from '../client-op';
import { parseJsonFrame, toOutboundData } from '../json-frames';
import type { ParsedFrame } from './codec';

export function parseJsonClientFrame(data: Buffer, isBinary: boolean): ParsedFrame {
  if (isBinary) {
    return {
      ok: false,
      problem: 'unsupported',
      message: 'Binary frames are not supported by JSON subprotocols.',
    };
  }
  const parsed = parseJsonFrame(data.toString('utf8'));
  if (!parsed.ok) return { ...parsed, problem: 'invalid' };
  return { ok: true, op: toClientOp(parsed.request) };
}

function toClientOp(req: ClientRequest): ClientOp {
  switch (req.type) {
    case 'sendToGroup':
      return {
        type: 'sendToGroup',
        group: req.group,
        data: toOutboundData(req.data, req.dataType, req.metadata),
        noEcho: req.noEcho === true,
        ...(req.ackId !== undefined ? { ackId: req.ackId } : {}),
      };
    case 'event':
      return {
        type: 'event',
        event: req.event,
        // An event may carry no data at all; the handler then gets an empty body.
        data:
          req.data === undefined
            ? { dataType: 'text', bytes: Buffer.alloc(0) }
            : toOutboundData(req.data, req.dataType, undefined),
        ...(req.metadata ? { metadata: req.metadata } : {}),
        ...(req.ackId !== undefined ? { ackId: req.ackId } : {}),
      };
    case 'invoke':
      return {
        type: 'invoke',
        invocationId: req.invocationId,
        event: req.event,
        data:
          req.data === undefined
            ? { dataType: 'text', bytes: Buffer.alloc(0) }
            : toOutboundData(req.data, req.dataType, undefined),
      };
    case 'streamData':
      return {
        type: 'streamData',
        streamId: req.streamId,
        ...(req.streamSequenceId !== undefined
          ? {
              streamSequenceId: req.streamSequenceId,
              data:
                req.data === undefined
                  ? 'data is required in a stream fragment.'
                  : toOutboundData(req.data, req.dataType, undefined),
            }
          : {}),
      };
    default:
      return req;
  }
}
