// The `webPubSubContext` input binding: an HTTP-triggered function acting as the event handler
// gets the parsed event request plus a ready response for probes and errors (the extension's WebPubSubContext).
// The function answers the service itself; nothing here writes to the HTTP response.
import type { RpcTypedData } from '../core/types';
import { errorMessage } from '../errors';
import type { InputResolver, TriggerEvent } from '../extension';
import type { FunctionDefinition, NamedBinding } from '../functions';
import { listHeaders, readConnectionContext } from './connection-context';
import type { ServiceConnections } from './connections';
import { settingNames } from './connections';
import { buildEvent, dataTypeOf, requestKind } from './event-request';
import { headerList, RequestValidator } from './request-validator';

interface SimpleResponse {
  status: number;
  headers: Record<string, string[]>;
  body: string;
}

export class WebPubSubContextInput implements InputResolver {
  readonly #validators = new Map<string, RequestValidator>();

  constructor(private readonly connections: ServiceConnections) {}

  resolve(
    fn: FunctionDefinition,
    binding: NamedBinding,
    event: TriggerEvent,
  ): Promise<RpcTypedData> {
    return Promise.resolve({ json: JSON.stringify(this.#context(fn, binding, event)) });
  }

  #context(fn: FunctionDefinition, binding: NamedBinding, event: TriggerEvent): object {
    const http = event.data.http;
    if (!http) return failure(400, 'HttpContext is null.');
    const headers = http.headers ?? {};
    const validator = this.#validator(fn, binding);
    try {
      const origin = headers['webhook-request-origin'];
      if (http.method?.toUpperCase() === 'OPTIONS' && origin) {
        const isValid = validator.isValidHost(headerList(origin));
        const response: SimpleResponse = isValid
          ? { status: 200, headers: { 'WebHook-Allowed-Origin': ['*'] }, body: '' }
          : { status: 400, headers: {}, body: '' };
        return result({ connectionContext: null, isValid }, response, true);
      }
      const ctx = readConnectionContext(headers, listHeaders(Object.entries(headers).flat()));
      if (!ctx)
        return failure(
          400,
          'Invalid Web PubSub upstream request missing required fields in header.',
        );
      if (!validator.isValidSignature(ctx.origin, ctx.signature, ctx.connectionId)) {
        return failure(401, 'Signature validation failed.');
      }
      const kind = requestKind(ctx);
      const dataType = kind === 'user' ? dataTypeOf(headers['content-type']) : 'Text';
      if (!dataType)
        return failure(400, `ContentType is not supported: ${headers['content-type'] ?? ''}`);
      const body = http.body?.bytes
        ? Buffer.from(http.body.bytes)
        : Buffer.from(http.body?.string ?? '');
      // The binding's request reader (WebPubSubRequestExtensions) builds no MQTT context: an MQTT
      // client's event reaches it in the plain shape.
      const plain = { ...ctx, mqtt: null };
      const request = buildEvent(plain, kind, body, dataType, 'thumbprint').request;
      return result(request, { status: 200, headers: {}, body: '' }, false);
    } catch (err) {
      return failure(400, errorMessage(err));
    }
  }

  /** One validator per function binding: its `connections`, else the default setting. */
  #validator(fn: FunctionDefinition, binding: NamedBinding): RequestValidator {
    const key = `${fn.id}\u0000${binding.name}`;
    let validator = this.#validators.get(key);
    if (!validator) {
      validator = new RequestValidator(this.connections, settingNames(binding.options));
      this.#validators.set(key, validator);
    }
    return validator;
  }
}

function result(request: unknown, response: SimpleResponse, isPreflight: boolean): object {
  return {
    ...(request ? { request } : {}),
    response,
    errorMessage: null,
    hasError: false,
    isPreflight,
  };
}

/** The extension's error context: 401 for a bad signature, 400 (userError) for the rest. */
function failure(status: number, message: string): object {
  return {
    response: { status, headers: {}, body: message },
    errorMessage: message,
    hasError: true,
    isPreflight: false,
  };
}
