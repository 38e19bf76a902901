// Last Will and Testament (supported by the service, overview-mqtt.md): when a connection ends
// without a normal DISCONNECT, its will goes to the will topic's group as the client's own publish
// would, under the same permission. Will delay is not modelled: the will goes out at once.
import { isValidGroupName } from '@wps-local/wire';

import type { EmulatorContext } from '../../context';
import { payloadToData } from './properties';
import { MqttMessage } from './publish-packets';
import type { MqttSession } from './session';

export function publishWill(ctx: EmulatorContext, session: MqttSession): void {
  const will = session.will;
  session.will = undefined;
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
