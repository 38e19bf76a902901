// Web PubSub trigger functions indexed the way the extension's dispatcher keys its listeners:
// `{hub}.{System|User}.{eventName}.{All|WebPubSub|Mqtt}`, case-insensitive, one function per key.
import { configError } from '../errors';
import type { TriggerBinder } from '../extension';
import type { FunctionDefinition } from '../functions';
import type { ConnectionContext, EventType } from './connection-context';
import type { ServiceConnections } from './connections';
import { settingNames } from './connections';
import { text } from './payload';
import { RequestValidator } from './request-validator';

export interface WebPubSubListener {
  fn: FunctionDefinition;
  /** `chat.System.connect.All`, for messages. */
  key: string;
  validator: RequestValidator;
  /** The trigger binding's name, lower-cased: which event property is the first argument. */
  argument: string;
  /** Binding `dataType: 'binary'` (or `stream`): the first argument arrives as bytes. */
  binary: boolean;
}

const EVENT_TYPES: Record<string, EventType> = { system: 'System', user: 'User' };
const CLIENT_PROTOCOLS: Record<string, string> = {
  all: 'All',
  webpubsub: 'WebPubSub',
  mqtt: 'Mqtt',
};

export class WebPubSubTriggers implements TriggerBinder {
  readonly #byKey = new Map<string, WebPubSubListener>();

  constructor(
    private readonly connections: ServiceConnections,
    private readonly webhookUrl: () => string,
  ) {}

  get size(): number {
    return this.#byKey.size;
  }

  listeners(): IterableIterator<WebPubSubListener> {
    return this.#byKey.values();
  }

  bind(fn: FunctionDefinition): void {
    const o = fn.trigger.options;
    const fail = (message: string) => configError(`Function '${fn.name}': ${message}`);
    const hub = this.connections.hub(o.hub);
    if (!hub)
      throw fail("the Web PubSub trigger has no hub: set 'hub' or the WebPubSubHub app setting.");
    const eventType = EVENT_TYPES[text(o.eventType ?? '').toLowerCase()];
    if (!eventType) throw fail(`eventType must be 'user' or 'system', not '${text(o.eventType)}'.`);
    if (typeof o.eventName !== 'string' || o.eventName === '') throw fail('eventName is required.');
    const protocol = CLIENT_PROTOCOLS[text(o.clientProtocols ?? 'all').toLowerCase()];
    if (!protocol) {
      throw fail(
        `clientProtocols must be 'all', 'webPubSub' or 'mqtt', not '${text(o.clientProtocols)}'.`,
      );
    }
    const key = `${hub}.${eventType}.${o.eventName}.${protocol}`;
    const existing = this.#byKey.get(key.toLowerCase());
    if (existing) {
      throw configError(
        `Functions '${existing.fn.name}' and '${fn.name}' both handle the Web PubSub event ${key} ` +
          '(hub, event type, event name and client protocols must be unique).',
      );
    }
    const dataType = text(o.dataType ?? '').toLowerCase();
    this.#byKey.set(key.toLowerCase(), {
      fn,
      key,
      validator: new RequestValidator(this.connections, settingNames(o)),
      argument: fn.trigger.name.toLowerCase(),
      binary: dataType === 'binary' || dataType === 'stream',
    });
  }

  describe(fn: FunctionDefinition): string {
    const listener = [...this.#byKey.values()].find((l) => l.fn === fn);
    return `webPubSubTrigger ${listener?.key ?? ''} → ${this.webhookUrl()}`;
  }

  /** The protocol-specific function first, then the one for all client protocols. */
  find(ctx: ConnectionContext): WebPubSubListener | undefined {
    const prefix = `${ctx.hub}.${ctx.eventType}.${ctx.eventName}.`.toLowerCase();
    return (
      this.#byKey.get(prefix + (ctx.mqtt ? 'mqtt' : 'webpubsub')) ?? this.#byKey.get(`${prefix}all`)
    );
  }
}
