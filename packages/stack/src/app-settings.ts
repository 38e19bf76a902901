// What the stack reads from the app's own files: host.json's HTTP route prefix, local.settings.json's
// values (to resolve `%Setting%` in trigger options, as the host does), and package.json's `main`
// and whether it has a `build` script.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { configError, errorMessage } from './errors';

export interface AppSettings {
  /** host.json `extensions.http.routePrefix` ("api" unless set; may be ""). */
  routePrefix: string;
  /** local.settings.json `Values`. */
  values: Record<string, string>;
  /** package.json `main`: the glob of function files the host loads. */
  main: string | undefined;
  hasBuildScript: boolean;
}

export function readAppSettings(root: string): AppSettings {
  const local = readJson(path.join(root, 'local.settings.json')) as {
    Values?: Record<string, unknown>;
  };
  const host = readJson(path.join(root, 'host.json')) as {
    extensions?: { http?: { routePrefix?: unknown } };
  };
  const pkg = readJson(path.join(root, 'package.json')) as {
    main?: unknown;
    scripts?: Record<string, unknown>;
  };
  const values = Object.fromEntries(
    Object.entries(local.Values ?? {}).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
  const prefix = host.extensions?.http?.routePrefix;
  return {
    routePrefix: typeof prefix === 'string' ? prefix : 'api',
    values,
    main: typeof pkg.main === 'string' ? pkg.main : undefined,
    hasBuildScript: typeof pkg.scripts?.build === 'string',
  };
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
