// The `table` input binding: one entity when partitionKey and rowKey are set (nothing when it does
// not exist), otherwise an array from a query (partition, OData filter, take). Every `{...}`
// expression is resolved per invocation; values put into a filter have their quotes escaped.
import type { TableClient } from '@azure/data-tables';
import { odata } from '@azure/data-tables';

import type { BindingData } from '../binding-expressions';
import { resolveExpressions } from '../binding-expressions';
import type { InputResolver } from '../extension';
import type { StorageAccounts } from './storage-accounts';
import { isNotFound } from './storage-errors';
import { tableBindingOptions, validateTableBinding } from './table-binding';
import { entityToJson } from './table-entity';

export function tableInput(accounts: StorageAccounts): InputResolver {
  return {
    validate: (fn, binding) => validateTableBinding(accounts, fn, binding, 'in'),
    async resolve(fn, binding, event) {
      const o = tableBindingOptions(accounts, fn, binding, event.bindingData);
      if (o.partitionKey !== undefined && o.rowKey !== undefined) {
        try {
          const entity = await o.client.getEntity(o.partitionKey, o.rowKey, {
            disableTypeConversion: true,
          });
          return { json: JSON.stringify(entityToJson(entity)) };
        } catch (err) {
          if (isNotFound(err)) return undefined; // a missing entity (or table) binds to nothing
          throw err;
        }
      }
      const where = { functionName: fn.name, binding: binding.name };
      const filter = resolveFilter(binding.options.filter, event.bindingData, where);
      const take = Number(binding.options.take) > 0 ? Number(binding.options.take) : undefined;
      const entities = await query(o.client, combine(o.partitionKey, filter), take);
      return { json: JSON.stringify(entities.map(entityToJson)) };
    },
  };
}

async function query(client: TableClient, filter: string | undefined, take: number | undefined) {
  const entities: Record<string, unknown>[] = [];
  const pages = client
    .listEntities({ ...(filter ? { queryOptions: { filter } } : {}), disableTypeConversion: true })
    .byPage(take ? { maxPageSize: take } : {});
  for await (const page of pages) {
    for (const entity of page) {
      entities.push(entity);
      if (entities.length === take) return entities;
    }
  }
  return entities;
}

function combine(partitionKey: string | undefined, filter: string | undefined): string | undefined {
  if (partitionKey === undefined) return filter;
  const partition = odata`PartitionKey eq ${partitionKey}`;
  return filter ? `${partition} and ${filter}` : partition;
}

function resolveFilter(
  template: unknown,
  data: BindingData,
  where: { functionName: string; binding: string },
): string | undefined {
  if (typeof template !== 'string' || template === '') return undefined;
  return template.replace(/\{[^{}]+\}/g, (expression) =>
    resolveExpressions(expression, data, where).replace(/'/g, "''"),
  );
}
