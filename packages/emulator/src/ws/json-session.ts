// JSON-subprotocol frames: text only; each is parsed into the shared client operations, whose
// data is converted from the JSON envelope's `dataType` / `data` into the bytes recipients get.
import type { ClientRequest } from '@wps-local/wire';
import { CLOSE_CODES } from '@wps-local/wire';

import type { EmulatorContext } from '../context';
import type { ClientConnection } from '../state/connection';
import type { ClientOp } from './client-ops';
import { handleParsedOp } from './client-ops';
import { parseJsonFrame, toOutboundData } from './json-frames';

export function handleJsonFrame(
  ctx: EmulatorContext,
  conn: ClientConnection,
  data: Buffer,
  isBinary: boolean,
): void {
  if (isBinary) {
    ctx.lifecycle.closeByService(
      conn,
      'Binary frames are not supported by JSON subprotocols.',
      CLOSE_CODES.unsupportedData,
    );
    return;
  }
  const parsed = parseJsonFrame(data.toString('utf8'));
  handleParsedOp(ctx, conn, parsed.ok ? { ok: true, op: toClientOp(parsed.request) } : parsed);
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
    default:
      return req;
  }
}
