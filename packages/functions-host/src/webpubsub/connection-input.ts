// The `webPubSubConnection` input binding (negotiate): `{baseUrl, url, accessToken}` for the
// binding's hub, with `userId` resolved per invocation from the trigger's binding data
// (`{query.userId}`, `{headers.x-ms-client-principal-name}`, ...). A missing key fails the call.
import { hasExpression, resolveExpressions } from '../binding-expressions';
import type { RpcTypedData } from '../core/types';
import { bindingError, configError, errorMessage } from '../errors';
import type { InputResolver, TriggerEvent } from '../extension';
import type { FunctionDefinition, NamedBinding } from '../functions';
import type { ClientProtocol } from './client-token';
import { clientConnection } from './client-token';
import type { ServiceConnections } from './connections';
import { DEFAULT_CONNECTION_SETTING } from './connections';
import { text } from './payload';

export class WebPubSubConnectionInput implements InputResolver {
  constructor(private readonly connections: ServiceConnections) {}

  validate(fn: FunctionDefinition, binding: NamedBinding): void {
    const { userId, clientProtocol } = binding.options;
    if (userId !== undefined && userId !== null && typeof userId !== 'string') {
      throw configError(
        `Function '${fn.name}', binding '${binding.name}': userId must be a string.`,
      );
    }
    if (protocolOf(clientProtocol) === undefined) {
      throw configError(
        `Function '${fn.name}', binding '${binding.name}': clientProtocol must be 'default' or 'mqtt', not '${text(clientProtocol)}'.`,
      );
    }
  }

  resolve(
    fn: FunctionDefinition,
    binding: NamedBinding,
    event: TriggerEvent,
  ): Promise<RpcTypedData> {
    const o = binding.options;
    const fail = (message: string) => bindingError(fn.name, binding.name, message);
    const hub = this.connections.hub(o.hub);
    if (!hub) throw fail("no hub: set 'hub' on the binding or the WebPubSubHub app setting.");
    const setting =
      typeof o.connection === 'string' && o.connection ? o.connection : DEFAULT_CONNECTION_SETTING;
    let access;
    try {
      access = this.connections.get(setting);
    } catch (err) {
      throw fail(errorMessage(err));
    }
    const { accessKey } = access;
    if (accessKey === undefined) {
      throw fail(
        `'${setting}' is an identity-based connection to a remote service: the offline host has no Azure credential to ask it for a token. Point its serviceUri at the local emulator, or use a connection string locally.`,
      );
    }
    const userId =
      typeof o.userId === 'string' && hasExpression(o.userId)
        ? resolveExpressions(o.userId, event.bindingData, {
            functionName: fn.name,
            binding: binding.name,
          })
        : typeof o.userId === 'string'
          ? o.userId
          : undefined;
    const info = clientConnection(
      { endpoint: access.endpoint, accessKey },
      hub,
      userId,
      protocolOf(o.clientProtocol) ?? 'default',
    );
    return Promise.resolve({ json: JSON.stringify(info) });
  }
}

function protocolOf(value: unknown): ClientProtocol | undefined {
  if (value === undefined || value === null) return 'default';
  const lower = text(value).toLowerCase();
  return lower === 'default' || lower === 'mqtt' ? lower : undefined;
}
