// `/runtime/webhooks/webpubsub`: abuse-protection probes and upstream events, processed in the
// order of the extension's WebPubSubTriggerDispatcher, answered as it answers them.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { WEBHOOK_ALLOWED_ORIGIN, WEBHOOK_REQUEST_ORIGIN } from '@wps-local/wire';

import { presentedKey } from '../admin/functions-endpoint';
import { errorMessage } from '../errors';
import type { HostServices, HttpEndpoint } from '../extension';
import { readBody } from '../http/request';
import type { ConnectionContext } from './connection-context';
import { listHeaders, readConnectionContext } from './connection-context';
import type { DataTypeName } from './event-request';
import { buildEvent, dataTypeOf, requestKind } from './event-request';
import type { WebhookResponse } from './event-response';
import { EMPTY_OK, errorResponse, eventResponse } from './event-response';
import { headerList } from './request-validator';
import { toTriggerEvent } from './trigger-data';
import type { WebPubSubTriggers } from './triggers';

export const WEBHOOK_PATH = '/runtime/webhooks/webpubsub';
export const SYSTEM_KEY_NAME = 'webpubsub_extension';

const status = (code: number): WebhookResponse => ({ status: code, headers: {}, body: '' });
/** A call the extension never answers. */
const NEVER = Symbol('never answered');

export function webhookEndpoint(host: HostServices, triggers: WebPubSubTriggers): HttpEndpoint {
  const keyAllowed = (code: string) => {
    const systemKey = host.keys.systemKey(SYSTEM_KEY_NAME);
    return (
      (systemKey !== undefined && safeEqual(code, systemKey)) || host.keys.allows('admin', code)
    );
  };

  /** 200 with `WebHook-Allowed-Origin: *` when any trigger's connections allow an origin. */
  const validate = (req: IncomingMessage): WebhookResponse => {
    const value = req.headers[WEBHOOK_REQUEST_ORIGIN];
    const origins = headerList(Array.isArray(value) ? value.join(',') : (value ?? ''));
    if (origins.length === 0) return status(400);
    for (const listener of triggers.listeners()) {
      try {
        if (listener.validator.isValidHost(origins)) {
          return { status: 200, headers: { [WEBHOOK_ALLOWED_ORIGIN]: '*' }, body: '' };
        }
      } catch (err) {
        host.logger.error(`Web PubSub function '${listener.fn.name}': ${errorMessage(err)}`);
      }
    }
    return status(400);
  };

  const dispatch = async (req: IncomingMessage): Promise<WebhookResponse | typeof NEVER> => {
    const ctx = readConnectionContext(req.headers, listHeaders(req.rawHeaders));
    if (!ctx) return status(400);
    const listener = triggers.find(ctx);
    if (!listener) return status(404);
    try {
      if (!listener.validator.isValidSignature(ctx.origin, ctx.signature, ctx.connectionId)) {
        return status(401);
      }
    } catch (err) {
      host.logger.error(`Web PubSub function '${listener.fn.name}': ${errorMessage(err)}`);
      return errorResponse(500, errorMessage(err));
    }
    if (req.method !== 'POST') return status(400);
    const kind = requestKind(ctx);
    let dataType: DataTypeName | undefined = 'Text';
    if (kind === 'user') {
      const contentType = req.headers['content-type'];
      dataType = dataTypeOf(contentType);
      if (!dataType) {
        const media = (contentType ?? '').split(';', 1)[0]!.trim();
        return errorResponse(
          400,
          `Message data only supports text, binary, json. Current value is: ${media}`,
        );
      }
    }
    const body = await readBody(req);
    if (body === 'too-large') return status(413);
    let event;
    try {
      event = buildEvent(ctx, kind, body, dataType, 'Thumbprint');
    } catch (err) {
      return errorResponse(500, errorMessage(err));
    }
    let response: WebhookResponse = EMPTY_OK;
    try {
      const result = await host.invoker.invoke(listener.fn, toTriggerEvent(event, listener));
      if (kind === 'connect' || kind === 'user') {
        response = eventResponse(kind, result.returnValue, ctx, (m) => host.logger.warn(m));
      }
    } catch (err) {
      if (kind === 'connect' || kind === 'user') {
        // The extension (WebPubSubTriggerDispatcher.ExecuteAsync) awaits the function's return
        // value, which a failed function never sets, until the caller goes away: the call is
        // never answered and the service gives up after its upstream timeout.
        logUnanswered(host, ctx, kind, errorMessage(err));
        return NEVER;
      }
      logOutcome(host, ctx, 200, errorMessage(err));
      return response;
    }
    logOutcome(host, ctx, response.status, undefined, mqttCode(ctx, response));
    return response;
  };

  return {
    async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
      if (!isWebhookPath(url.pathname)) return false;
      // Azure admits an extension's webhook with that extension's system key or the master key
      // (azure-docs, functions security-concepts: "Call an extension-specific Webhook: system"),
      // given as `?code=` or in the `x-functions-key` header, as for any key-protected route.
      const code = presentedKey(req, url);
      let response: WebhookResponse | typeof NEVER;
      if (code === undefined || !keyAllowed(code)) response = status(401);
      else if (req.method === 'OPTIONS' || req.method === 'GET') response = validate(req);
      else response = await dispatch(req);
      if (response === NEVER) {
        // Held open until the caller gives up (or the host closes its connections).
        if (!res.destroyed) await new Promise((resolve) => res.once('close', resolve));
        return true;
      }
      res.statusCode = response.status;
      for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
      res.end(response.body);
      return true;
    },
  };
}

/** One line per event that names it, its hub, user and connection, and what the service is told:
 * a refused connect or a failed handler is never logged as a plain success. */
function logOutcome(
  host: HostServices,
  ctx: ConnectionContext,
  status: number,
  failure: string | undefined,
  connackCode?: number,
): void {
  const level = failure || status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
  if (!host.logger.enabled(level)) return;
  const user = ctx.userId === null ? 'anonymous' : `user '${ctx.userId}'`;
  const outcome = failure
    ? `the function failed (${failure}); the service is answered ${status}`
    : status >= 400
      ? `refused with ${status}${connackCode === undefined ? '' : ` (CONNACK code ${connackCode})`}`
      : `answered ${status}`;
  host.logger[level](
    `Web PubSub ${ctx.eventType.toLowerCase()} event '${ctx.eventName}' on hub '${ctx.hub}' from ${user} (connection ${ctx.connectionId}): ${outcome}`,
  );
}

function logUnanswered(
  host: HostServices,
  ctx: ConnectionContext,
  kind: 'connect' | 'user',
  failure: string,
): void {
  const sees =
    kind === 'connect'
      ? 'the connection is refused once the service gives up'
      : 'the event is dropped once the service gives up (an ackId gets an error ack)';
  host.logger.error(
    `Web PubSub ${ctx.eventType} event '${ctx.eventName}' on hub '${ctx.hub}' (connection ${ctx.connectionId}): ` +
      `the function threw (${failure}); as in Azure, this call is never answered: the service waits for its upstream timeout, and ${sees}.`,
  );
}

function isWebhookPath(pathname: string): boolean {
  const path = pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  return path.length === WEBHOOK_PATH.length && path.toLowerCase() === WEBHOOK_PATH;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The CONNACK code of an MQTT client's refusal, for the log. */
function mqttCode(ctx: ConnectionContext, response: WebhookResponse): number | undefined {
  if (!ctx.mqtt || response.status < 400 || typeof response.body !== 'string') return undefined;
  try {
    const code = (JSON.parse(response.body) as { mqtt?: { code?: unknown } }).mqtt?.code;
    return typeof code === 'number' ? code : undefined;
  } catch {
    return undefined;
  }
}
