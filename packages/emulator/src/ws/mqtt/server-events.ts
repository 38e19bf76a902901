// Requests to the event handler: a PUBLISH to `$webpubsub/server/events/{eventName}` becomes the
// user event `{eventName}` (payload as body, 5.0 content type as Content-Type), and the handler's
// answer comes back to the publisher alone on `.../{eventName}/succeeded` or `/failed`, with the
// request's correlation data and QoS and the status as user property `azure-status-code`.
// Source: azure-docs reference-mqtt-cloud-events.md ("User {custom_event} Event").
// Not modelled: `mqtt-` prefixed headers for user properties (both ways), and the failed reply's
// body (the emulator's dispatcher keeps handler error bodies to itself, as for other clients).
import {
  CONTENT_TYPES,
  isValidEventName,
  MQTT_SERVER_EVENTS_TOPIC_PREFIX,
  MQTT_V5_REASON_CODES as V5,
} from '@wps-local/wire';
import type { IPublishPacket } from 'mqtt-packet';

import type { OutboundData } from '../outbound';
import type { MqttLink } from './link';
import { acknowledge } from './packets';
import { CONTENT_TYPE_BY_DATA_TYPE } from './properties';
import { MqttMessage } from './publish-packets';
import type { MqttSession } from './session';

export function handleServerEvent(link: MqttLink, session: MqttSession, p: IPublishPacket): void {
  const name = p.topic.slice(MQTT_SERVER_EVENTS_TOPIC_PREFIX.length);
  const id = p.messageId ?? 0;
  if (!isValidEventName(name)) {
    acknowledge(link, session, p.qos, id, V5.topicNameInvalid);
    return;
  }
  acknowledge(link, session, p.qos, id, V5.success);
  const payload = typeof p.payload === 'string' ? Buffer.from(p.payload) : p.payload;
  const conn = session.conn;
  void link.ctx.dispatcher
    .userEvent(conn, name, {
      bytes: payload,
      contentType: p.properties?.contentType ?? CONTENT_TYPES.binary,
    })
    .then((outcome) => {
      if (conn.ended) return;
      const status = outcome.ok ? 200 : (outcome.status ?? 500);
      const reply: OutboundData =
        outcome.ok && outcome.reply
          ? outcome.reply
          : { dataType: 'binary', bytes: Buffer.alloc(0) };
      const correlationData = p.properties?.correlationData;
      const msg = new MqttMessage(
        reply,
        { from: 'server' },
        {
          qos: p.qos,
          topic: `${p.topic}/${outcome.ok ? 'succeeded' : 'failed'}`,
          properties: {
            ...(outcome.ok && outcome.reply
              ? { contentType: CONTENT_TYPE_BY_DATA_TYPE[reply.dataType] }
              : {}),
            ...(correlationData ? { correlationData } : {}),
            userProperties: { 'azure-status-code': String(status) },
          },
        },
      );
      conn.deliver(msg);
    });
}
