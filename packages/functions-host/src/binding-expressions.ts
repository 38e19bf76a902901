// Binding expressions as the host resolves them: `%AppSetting%` from settings at start-up, and
// `{query.userId}`, `{headers.x-ms-client-principal-name}`, `{id}` (route params) per invocation,
// with case-insensitive lookups. A missing key fails the invocation, as in the real host.
import { randomUUID } from 'node:crypto';

import { bindingError } from './errors';

/** Values an invocation's expressions resolve against (`query`, `headers`, route params, ...). */
export type BindingData = Record<string, unknown>;

const APP_SETTING = /%([^%]+)%/g;
const EXPRESSION = /\{([^{}]+)\}/g;

export function resolveAppSettings(
  value: string,
  env: NodeJS.ProcessEnv,
  where: { functionName: string; binding: string },
): string {
  return value.replace(APP_SETTING, (_, name: string) => {
    const setting = env[name];
    if (setting === undefined) {
      throw bindingError(
        where.functionName,
        where.binding,
        `app setting '${name}' (from '%${name}%') is not set.`,
      );
    }
    return setting;
  });
}

export function hasExpression(value: string): boolean {
  EXPRESSION.lastIndex = 0;
  return EXPRESSION.test(value);
}

export function resolveExpressions(
  template: string,
  data: BindingData,
  where: { functionName: string; binding: string },
): string {
  return template.replace(EXPRESSION, (_, path: string) => {
    const value = systemValue(path) ?? lookup(data, path.split('.'));
    if (value === undefined || value === null) {
      throw bindingError(
        where.functionName,
        where.binding,
        `Error while accessing '${path}': property doesn't exist.`,
      );
    }
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/** The host's system expressions, available to every trigger. */
function systemValue(path: string): string | undefined {
  switch (path.toLowerCase()) {
    case 'rand-guid':
    case 'sys.randguid':
      return randomUUID();
    case 'datetime':
    case 'sys.utcnow':
      return new Date().toISOString();
    default:
      return undefined;
  }
}

function lookup(data: unknown, path: string[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    const record = current as Record<string, unknown>;
    if (segment in record) {
      current = record[segment];
      continue;
    }
    const lower = segment.toLowerCase();
    const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
    current = key === undefined ? undefined : record[key];
  }
  return current;
}
