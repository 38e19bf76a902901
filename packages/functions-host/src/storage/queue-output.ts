// The `queue` output binding: one message per item (a string, an object as JSON, each element of an
// array), encoded as host.json says (base64 by default); the queue is created when missing.
import { hasExpression, resolveExpressions } from '../binding-expressions';
import { bindingError, configError } from '../errors';
import type { OutputWriter } from '../extension';
import type { FunctionDefinition, NamedBinding } from '../functions';
import { itemBytes, outputItems } from './output-items';
import { encodeMessage } from './queue-message';
import { normalizeQueueName } from './queue-names';
import type { QueueOptions } from './queue-options';
import { sendCreatingQueue } from './queue-send';
import type { StorageAccounts } from './storage-accounts';

export function queueOutput(
  accounts: StorageAccounts,
  options: () => QueueOptions,
  onSent: (queueUrl: string) => void,
): OutputWriter {
  const queueNameOf = (fn: FunctionDefinition, binding: NamedBinding): string => {
    const { queueName } = binding.options;
    if (typeof queueName !== 'string' || queueName === '') {
      throw configError(
        `Function '${fn.name}', binding '${binding.name}': a queue output needs a queueName.`,
      );
    }
    return queueName;
  };
  return {
    validate(fn, binding) {
      const where = { functionName: fn.name, binding: binding.name };
      const queueName = queueNameOf(fn, binding);
      // Names with `{...}` are only known per invocation, as in the extension.
      if (!hasExpression(queueName)) {
        try {
          normalizeQueueName(queueName);
        } catch (err) {
          throw configError(
            `Function '${fn.name}', binding '${binding.name}': ${(err as Error).message}`,
          );
        }
      }
      accounts.resolve(binding.options.connection, 'queue', where);
      options();
    },
    async write(fn, binding, value, event) {
      const where = { functionName: fn.name, binding: binding.name };
      const resolved = resolveExpressions(queueNameOf(fn, binding), event.bindingData, where);
      let name: string;
      try {
        name = normalizeQueueName(resolved);
      } catch (err) {
        throw bindingError(fn.name, binding.name, (err as Error).message, err);
      }
      const ref = accounts.resolve(binding.options.connection, 'queue', where);
      const queue = accounts.queueService(ref).getQueueClient(name);
      const { messageEncoding } = options();
      for (const item of outputItems(value)) {
        await sendCreatingQueue(queue, encodeMessage(itemBytes(item), messageEncoding));
        onSent(queue.url);
      }
    },
  };
}
