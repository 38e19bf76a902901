// Acknowledging an inbound PUBLISH: PUBACK for QoS 1, PUBREC for QoS 2 (whose id then waits for
// PUBREL); MQTT 3.1.1 acknowledgements carry no reason code, so they always look positive.
import { MQTT_PROTOCOL_VERSIONS } from '@wps-local/wire';
import type { QoS } from 'mqtt-packet';

import type { MqttLinkApi } from './link-api';
import type { MqttSession } from './session';

export function acknowledge(
  link: MqttLinkApi,
  session: MqttSession,
  qos: QoS,
  id: number,
  code: number,
): void {
  if (qos === 0) return;
  const v5 = link.version === MQTT_PROTOCOL_VERSIONS.v500;
  const cmd = qos === 1 ? 'puback' : 'pubrec';
  if (qos === 2 && code < 0x80) session.awaitingRelease.add(id);
  link.send(v5 ? { cmd, messageId: id, reasonCode: code } : { cmd, messageId: id });
}
