// What the table input and output bindings share: checking tableName, keys and connection at
// start-up, and resolving them per invocation.
import type { TableClient } from '@azure/data-tables';

import type { BindingData } from '../binding-expressions';
import { hasExpression, resolveExpressions } from '../binding-expressions';
import { bindingError, configError } from '../errors';
import type { FunctionDefinition, NamedBinding } from '../functions';
import type { StorageAccounts } from './storage-accounts';
import { validateTableName } from './table-entity';

export interface ResolvedTableBinding {
  client: TableClient;
  partitionKey: string | undefined;
  rowKey: string | undefined;
}

export function validateTableBinding(
  accounts: StorageAccounts,
  fn: FunctionDefinition,
  binding: NamedBinding,
  direction: 'in' | 'out',
): void {
  const fail = (message: string) =>
    configError(`Function '${fn.name}', binding '${binding.name}': ${message}`);
  const { tableName, partitionKey, rowKey, connection } = binding.options;
  if (typeof tableName !== 'string' || tableName === '')
    throw fail('a table binding needs a tableName.');
  if (!hasExpression(tableName)) {
    try {
      validateTableName(tableName);
    } catch (err) {
      throw fail((err as Error).message);
    }
  }
  if (direction === 'in' && rowKey !== undefined && partitionKey === undefined) {
    throw fail('a table input with a rowKey also needs a partitionKey.');
  }
  accounts.resolve(connection, 'table', { functionName: fn.name, binding: binding.name });
}

export function tableBindingOptions(
  accounts: StorageAccounts,
  fn: FunctionDefinition,
  binding: NamedBinding,
  data: BindingData,
): ResolvedTableBinding {
  const where = { functionName: fn.name, binding: binding.name };
  const resolve = (value: unknown) =>
    typeof value === 'string' && value !== '' ? resolveExpressions(value, data, where) : undefined;
  const tableName = resolve(binding.options.tableName) ?? '';
  try {
    validateTableName(tableName);
  } catch (err) {
    throw bindingError(fn.name, binding.name, (err as Error).message);
  }
  const ref = accounts.resolve(binding.options.connection, 'table', where);
  return {
    client: accounts.table(ref, tableName),
    partitionKey: resolve(binding.options.partitionKey),
    rowKey: resolve(binding.options.rowKey),
  };
}
