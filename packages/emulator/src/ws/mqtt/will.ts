// Last Will and Testament (supported by the service, overview-mqtt.md): when a connection ends
// without a normal DISCONNECT, its will goes to the will topic's group as the client's own publish
// would, under the same permission: at once, or (5.0) after its Will Delay Interval, or when the
// session ends if that comes first; a session resumed in the meantime cancels it (MQTT 5.0 3.1.3.2.2).
import { isValidGroupName } from '@wps-local/wire';

import type { EmulatorContext } from '../../context';
import { payloadToData } from './properties';
import { MqttMessage } from './publish-packets';
import type { MqttSession } from './session';

/** The connection ended abnormally: the will goes now or after its delay. */
export function scheduleWill(
  ctx: EmulatorContext,
  session: MqttSession,
  track: (timer: NodeJS.Timeout) => void,
): void {
  const will = session.will;
  if (!will) return;
  const delay = Math.min(will.properties?.willDelayInterval ?? 0, session.expirySeconds);
  if (delay <= 0) {
    publishWill(ctx, session);
    return;
  }
  session.willTimer = setTimeout(() => publishWill(ctx, session), delay * 1000);
  session.willTimer.unref();
  track(session.willTimer);
}

/** A delayed will is dropped: the session was resumed in time. */
export function cancelWill(session: MqttSession): void {
  if (session.willTimer) clearTimeout(session.willTimer);
  session.willTimer = undefined;
}

function publishWill(ctx: EmulatorContext, session: MqttSession): void {
  const will = session.will;
  session.will = undefined;
  session.willTimer = undefined;
  const conn = session.conn;
  if (!will || !isValidGroupName(will.topic) || !conn.permissions.canSendTo(will.topic)) return;
  const data = payloadToData(will.payload, will.properties?.contentType);
  if (typeof data === 'string') return;
  const properties = { ...will.properties };
  delete properties.willDelayInterval;
  const msg = new MqttMessage(
    data,
    { from: 'group', group: will.topic, fromUserId: conn.userId },
    { qos: will.qos, properties },
  );
  ctx.fanout.deliver(conn.hub.group(will.topic), msg);
}
