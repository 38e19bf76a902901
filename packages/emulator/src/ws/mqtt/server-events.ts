// Requests to the event handler: a PUBLISH to `$webpubsub/server/events/{eventName}` becomes the
// user event `{eventName}` (payload as body, 5.0 content type as Content-Type, user properties as
// `mqtt-<name>` headers), and the handler's answer comes back to the publisher alone on
// `.../{eventName}/succeeded` or `/failed`: its body as payload, its Content-Type as content type,
// its `mqtt-` headers as user properties plus `azure-status-code`, with the request's correlation
// data and QoS. Source: azure-docs reference-mqtt-cloud-events.md ("User {custom_event} Event").
import {
  CONTENT_TYPES,
  isValidEventName,
  MQTT_SERVER_EVENTS_TOPIC_PREFIX,
  MQTT_V5_REASON_CODES as V5,
} from '@wps-local/wire';
import type { IPublishPacket, UserProperties } from 'mqtt-packet';

import type { UpstreamResponse } from '../../upstream/http-client';
import { acknowledge } from './acks';
import type { MqttLinkApi } from './link-api';
import { MqttMessage } from './publish-packets';
import type { MqttSession } from './session';

const HEADER_PREFIX = 'mqtt-';
/** HTTP header names (RFC 9110 tokens); a user property named otherwise cannot travel. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function handleServerEvent(
  link: MqttLinkApi,
  session: MqttSession,
  p: IPublishPacket,
): void {
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
      headers: toHeaders(p.properties?.userProperties),
    })
    .then((outcome) => {
      if (conn.ended) return;
      const res = outcome.response;
      const status = res?.status ?? 500;
      const contentType = headerOf(res, 'content-type');
      const correlationData = p.properties?.correlationData;
      const msg = new MqttMessage(
        { dataType: 'binary', bytes: res?.body ?? Buffer.alloc(0) },
        { from: 'server' },
        {
          qos: p.qos,
          topic: `${p.topic}/${outcome.ok ? 'succeeded' : 'failed'}`,
          properties: {
            ...(contentType ? { contentType } : {}),
            ...(correlationData ? { correlationData } : {}),
            userProperties: { ...fromHeaders(res), 'azure-status-code': String(status) },
          },
        },
      );
      conn.deliver(msg);
    });
}

function toHeaders(props: UserProperties | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries(props ?? {})) {
    const value = (Array.isArray(v) ? v : [v]).join(', ');
    if (TOKEN.test(name) && !/[\r\n\0]/.test(value)) headers[HEADER_PREFIX + name] = value;
  }
  return headers;
}

function fromHeaders(res: UpstreamResponse | undefined): Record<string, string> {
  const props: Record<string, string> = {};
  for (const [k, v] of Object.entries(res?.headers ?? {})) {
    if (v === undefined || !k.toLowerCase().startsWith(HEADER_PREFIX)) continue;
    props[k.slice(HEADER_PREFIX.length)] = Array.isArray(v) ? v.join(', ') : v;
  }
  return props;
}

function headerOf(res: UpstreamResponse | undefined, name: string): string | undefined {
  const v = res?.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
