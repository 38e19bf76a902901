// Reads a Function App folder the way `func start` does: package.json `main` (a glob), host.json,
// and local.settings.json (`Values` become environment variables; real environment variables win).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { globSync } from 'tinyglobby';
import { z } from 'zod';

import { configError } from './errors';

const timeSpan = z
  .string()
  .regex(/^(\d+\.)?\d{1,2}:\d{2}:\d{2}(\.\d+)?$/, 'a TimeSpan like 00:05:00');

const hostJsonSchema = z.looseObject({
  version: z.literal('2.0', { error: 'host.json must have "version": "2.0"' }),
  functionTimeout: z.union([timeSpan, z.literal('-1')]).optional(),
  extensions: z
    .looseObject({
      http: z.looseObject({ routePrefix: z.string().optional() }).optional(),
      queues: z
        .looseObject({
          maxPollingInterval: z.union([timeSpan, z.number().int().positive()]).optional(),
          visibilityTimeout: z.union([timeSpan, z.number().int().nonnegative()]).optional(),
          batchSize: z.number().int().min(1).max(32).optional(),
          newBatchThreshold: z.number().int().nonnegative().optional(),
          maxDequeueCount: z.number().int().min(1).optional(),
        })
        .optional(),
    })
    .optional(),
});
export type HostJson = z.infer<typeof hostJsonSchema>;

const localSettingsSchema = z.looseObject({
  IsEncrypted: z.boolean().optional(),
  Values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

export interface AppConfig {
  appRoot: string;
  /** package.json `main` as written (a path or a glob). */
  main: string;
  /** package.json `type` (`module` makes `.js` files ES modules). */
  packageType: string | undefined;
  entryFiles: string[];
  hostJson: HostJson;
  /** `Values` of local.settings.json (strings), before the environment is applied. */
  localSettings: Record<string, string>;
}

export function readAppConfig(appRoot: string): AppConfig {
  const root = path.resolve(appRoot);
  const pkg = readJson(path.join(root, 'package.json'), true) as { main?: unknown; type?: unknown };
  if (typeof pkg.main !== 'string' || pkg.main === '') {
    throw configError(
      `${path.join(root, 'package.json')} has no "main" (the files that register functions).`,
    );
  }
  const entryFiles = globSync(pkg.main, { cwd: root, absolute: true }).sort();
  const hostJson = parse(hostJsonSchema, readJson(path.join(root, 'host.json'), true), 'host.json');
  const settingsFile = path.join(root, 'local.settings.json');
  const local = existsSync(settingsFile)
    ? parse(localSettingsSchema, readJson(settingsFile, true), 'local.settings.json')
    : {};
  if (local.IsEncrypted) {
    throw configError(
      'local.settings.json is encrypted; the offline host reads only plain settings.',
    );
  }
  const localSettings = Object.fromEntries(
    Object.entries(local.Values ?? {}).map(([k, v]) => [k, String(v)]),
  );
  return {
    appRoot: root,
    main: pkg.main,
    packageType: typeof pkg.type === 'string' ? pkg.type : undefined,
    entryFiles,
    hostJson,
    localSettings,
  };
}

/**
 * Settings as the app sees them: local.settings.json, then the real environment, then explicit
 * overrides (tests and `npm start` pass these).
 */
export function applySettings(
  localSettings: Record<string, string>,
  overrides: Record<string, string> = {},
  env: NodeJS.ProcessEnv = process.env,
): void {
  for (const [name, value] of Object.entries(localSettings)) {
    if (env[name] === undefined) env[name] = value;
  }
  Object.assign(env, overrides);
}

function readJson(file: string, required: boolean): unknown {
  if (!existsSync(file)) {
    if (required) throw configError(`${file} not found: is this a Function App folder?`);
    return {};
  }
  try {
    // Strip a BOM: Visual Studio writes one into host.json.
    return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw configError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw configError(
      `${what}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return result.data;
}

/**
 * host.json TimeSpan ("00:05:00", "1.00:00:00") → milliseconds; "-1" → Infinity. A bare number is
 * milliseconds (the older `maxPollingInterval: 2000` form).
 */
export function timeSpanMs(value: string | number | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  if (typeof value === 'number') return value;
  if (value === '-1') return Number.POSITIVE_INFINITY;
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value);
  if (!m) return fallbackMs;
  const [, d = '0', h = '0', min = '0', s = '0'] = m;
  return ((Number(d) * 24 + Number(h)) * 3600 + Number(min) * 60 + Number(s)) * 1000;
}

const HOST_JSON_OVERRIDE = 'AzureFunctionsJobHost__';

/**
 * App settings such as `AzureFunctionsJobHost__extensions__queues__maxDequeueCount` override host.json
 * values, as in the real host. Values that parse as JSON (numbers, booleans) are taken as such.
 */
export function applyHostJsonOverrides(hostJson: HostJson, env: NodeJS.ProcessEnv): HostJson {
  const result = structuredClone(hostJson) as Record<string, unknown>;
  for (const [name, raw] of Object.entries(env)) {
    if (raw === undefined || !name.startsWith(HOST_JSON_OVERRIDE)) continue;
    const path = name.slice(HOST_JSON_OVERRIDE.length).split('__').filter(Boolean);
    const last = path.pop();
    if (!last) continue;
    let node = result;
    for (const key of path) {
      const next = node[key];
      node = (next && typeof next === 'object' ? next : (node[key] = {})) as Record<
        string,
        unknown
      >;
    }
    node[last] = parseSettingValue(raw);
  }
  return parse(hostJsonSchema, result, 'host.json with AzureFunctionsJobHost__ overrides');
}

function parseSettingValue(raw: string): unknown {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'number' || typeof value === 'boolean' ? value : raw;
  } catch {
    return raw;
  }
}
