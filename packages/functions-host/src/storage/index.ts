// The Azure Storage extensions (queues v5, tables): the queueTrigger, `queue` output and `table`
// input/output bindings against the account each binding's `connection` names (AzureWebJobsStorage
// by default). Nothing is checked or contacted unless a function uses one of these bindings.
import type { ExtensionFactory } from '../extension';
import type { QueueOptions } from './queue-options';
import { queueOptions } from './queue-options';
import { queueOutput } from './queue-output';
import { QueueTriggers } from './queue-trigger';
import { StorageAccounts } from './storage-accounts';
import { tableInput } from './table-input';
import { tableOutput } from './table-output';

export const storageExtension: ExtensionFactory = (host) => {
  const accounts = new StorageAccounts(host.env);
  let options: QueueOptions | undefined;
  const optionsOnce = () => (options ??= queueOptions(host.config.hostJson));
  const triggers = new QueueTriggers(host, accounts, optionsOnce);
  return {
    name: 'storage',
    triggers: { queuetrigger: triggers.binder },
    inputs: { table: tableInput(accounts) },
    outputs: {
      queue: queueOutput(accounts, optionsOnce, (url) => triggers.notify(url)),
      table: tableOutput(accounts),
    },
    start: () => triggers.start(),
    stop: () => triggers.stop(),
  };
};
