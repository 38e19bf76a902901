// The two things the stack needs from the app's own files: its hub name (local.settings.json
// `WebPubSubHub`, which a real environment variable overrides, as in func) and the HTTP route prefix.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { configError, errorMessage } from './errors';

export const DEFAULT_HUB = 'chat';

export interface AppSettings {
  hub: string;
  /** host.json `extensions.http.routePrefix` ("api" unless set; may be ""). */
  routePrefix: string;
}

export function readAppSettings(root: string, env: NodeJS.ProcessEnv = process.env): AppSettings {
  const local = readJson(path.join(root, 'local.settings.json')) as {
    Values?: Record<string, unknown>;
  };
  const host = readJson(path.join(root, 'host.json')) as {
    extensions?: { http?: { routePrefix?: unknown } };
  };
  const fromFile = local.Values?.WebPubSubHub;
  const hub = env.WebPubSubHub ?? (typeof fromFile === 'string' ? fromFile : DEFAULT_HUB);
  const prefix = host.extensions?.http?.routePrefix;
  return { hub, routePrefix: typeof prefix === 'string' ? prefix : 'api' };
}

function readJson(file: string): unknown {
  if (!existsSync(file)) return {};
  try {
    // Strip a BOM: Visual Studio writes one into these files.
    return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) ?? {};
  } catch (err) {
    throw configError(`${file} is not valid JSON: ${errorMessage(err)}`);
  }
}
