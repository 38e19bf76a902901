// What a raw WebSocket client's frames do: by default each frame is the user event `message`
// and the handler's reply comes back as a frame; with `webpubsub_mode=sendToGroup` frames are
// published to one group instead.
import { CLOSE_CODES, CONTENT_TYPES, RAW_MESSAGE_EVENT } from '@wps-local/wire';

import type { EmulatorContext } from '../context';
import type { ClientConnection } from '../state/connection';
import type { OutboundData } from './outbound';
import { PreparedMessage } from './outbound';

export function handleRawFrame(
  ctx: EmulatorContext,
  conn: ClientConnection,
  data: OutboundData,
): void {
  const mode = conn.rawMode;
  if (mode.kind === 'sendToGroup') {
    if (!conn.permissions.canSendTo(mode.group)) {
      ctx.lifecycle.closeByService(
        conn,
        `No permission to send to group '${mode.group}'.`,
        CLOSE_CODES.policyViolation,
      );
      return;
    }
    const msg = new PreparedMessage(data, {
      from: 'group',
      group: mode.group,
      fromUserId: conn.userId,
    });
    ctx.fanout.deliver(conn.hub.group(mode.group), msg, mode.noEcho ? { skip: conn } : {});
    return;
  }
  const contentType = data.dataType === 'binary' ? CONTENT_TYPES.binary : CONTENT_TYPES.text;
  void ctx.dispatcher
    .userEvent(conn, RAW_MESSAGE_EVENT, { bytes: data.bytes, contentType })
    .then((outcome) => {
      if (conn.ended) return;
      if (!outcome.ok) {
        // Raw clients have no acks: a failed event closes them, without the handler's details.
        ctx.lifecycle.closeByService(
          conn,
          'The event handler failed to process the message.',
          CLOSE_CODES.internalError,
        );
        return;
      }
      const reply = outcome.reply;
      if (reply && (reply.bytes.length > 0 || reply.metadata)) {
        conn.socket?.send(reply.bytes, { binary: reply.dataType === 'binary' });
        ctx.tap?.replied(conn, reply, true);
      }
    });
}
