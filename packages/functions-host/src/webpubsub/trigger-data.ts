// What the invoker hands the library for a Web PubSub event: the first argument picked by the
// trigger binding's name (the extension binds parameters to event properties by name), PascalCase
// triggerMetadata (the library camel-cases it), and the binding data for `{...}` expressions.
import type { RpcTypedData } from '../core/types';
import type { TriggerEvent } from '../extension';
import type { WebPubSubEvent } from './event-request';
import type { WebPubSubListener } from './triggers';

export function toTriggerEvent(event: WebPubSubEvent, listener: WebPubSubListener): TriggerEvent {
  const contextJson = JSON.stringify(event.connectionContext);
  const requestJson = event.request ? requestText(event.request, contextJson) : null;
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  const texts: Record<string, string | null> = {
    request: requestJson,
    connectioncontext: contextJson,
    claims: json(event.claims),
    query: json(event.query),
    subprotocols: json(event.subprotocols),
    clientcertificates: json(event.clientCertificates),
  };
  const metadata: Record<string, RpcTypedData> = {
    ConnectionContext: { json: contextJson },
    DataType: { json: `"${event.dataType}"` },
  };
  if (requestJson !== null) metadata.Request = { json: requestJson };
  if (event.text !== null) metadata.Data = { json: JSON.stringify(event.text) };
  if (texts.claims !== null) metadata.Claims = { json: texts.claims };
  if (texts.query !== null) metadata.Query = { json: texts.query };
  if (texts.subprotocols !== null) metadata.Subprotocols = { json: texts.subprotocols };
  if (texts.clientcertificates !== null) {
    metadata.ClientCertificates = { json: texts.clientcertificates };
  }
  if (event.reason !== null) metadata.Reason = { string: event.reason };
  return {
    data: firstArgument(event, listener, texts),
    triggerMetadata: metadata,
    bindingData: {
      request: event.request,
      connectionContext: event.connectionContext,
      data: event.text,
      dataType: event.dataType,
      claims: event.claims,
      query: event.query,
      subprotocols: event.subprotocols,
      clientCertificates: event.clientCertificates,
      reason: event.reason,
    },
  };
}

/**
 * The host converts the property to the parameter type: a string (the default) that the library
 * JSON-parses when it can, or bytes for `dataType: 'binary'`. Unknown names bind to nothing.
 */
function firstArgument(
  event: WebPubSubEvent,
  listener: WebPubSubListener,
  texts: Record<string, string | null>,
): RpcTypedData {
  const name = listener.argument;
  if (name === 'data') {
    if (event.data === null) return {};
    return listener.binary ? { bytes: event.data } : { string: event.text };
  }
  const plain = name === 'datatype' ? event.dataType : name === 'reason' ? event.reason : undefined;
  if (plain !== undefined) {
    if (plain === null) return {};
    return listener.binary ? { bytes: Buffer.from(plain, 'utf8') } : { string: plain };
  }
  const text = Object.hasOwn(texts, name) ? texts[name] : null;
  if (text === undefined || text === null) return {};
  return listener.binary ? { bytes: Buffer.from(text, 'utf8') } : { json: text };
}

/** The request's JSON around the already serialised connection context (serialised once). */
function requestText(request: Record<string, unknown>, contextJson: string): string {
  const rest = { ...request };
  delete rest.connectionContext;
  const tail = JSON.stringify(rest);
  return tail === '{}'
    ? `{"connectionContext":${contextJson}}`
    : `{"connectionContext":${contextJson},${tail.slice(1)}`;
}
