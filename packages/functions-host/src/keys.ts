// Host keys, in the shape of the real host's secrets file: a master key, host-level function keys
// and system keys (one per extension webhook). Created with random values on first run, reused after.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { z } from 'zod';

import { configError } from './errors';

const keySchema = z.object({
  name: z.string(),
  value: z.string().min(16),
  encrypted: z.boolean().optional(),
});
const fileSchema = z.object({
  masterKey: keySchema,
  functionKeys: z.array(keySchema),
  systemKeys: z.array(keySchema),
});
export type KeysFile = z.infer<typeof fileSchema>;

export type AuthLevel = 'anonymous' | 'function' | 'admin';

export interface HostKeys {
  readonly file: string;
  readonly created: boolean;
  readonly masterKey: string;
  readonly defaultFunctionKey: string;
  systemKey(name: string): string | undefined;
  /** True when `presented` grants `level` (master grants everything). */
  allows(level: AuthLevel, presented: string | undefined): boolean;
}

export function loadHostKeys(file: string, systemKeyNames: string[]): HostKeys {
  let keys: KeysFile;
  let created = false;
  if (existsSync(file)) {
    const parsed = fileSchema.safeParse(readJson(file));
    if (!parsed.success) {
      throw configError(`${file} is not a valid keys file; delete it to have a new one created.`);
    }
    keys = parsed.data;
  } else {
    keys = {
      masterKey: newKey('master'),
      functionKeys: [newKey('default')],
      systemKeys: [],
    };
    created = true;
  }
  for (const name of systemKeyNames) {
    if (!keys.systemKeys.some((k) => k.name === name)) {
      keys.systemKeys.push(newKey(name));
      created = true;
    }
  }
  if (created) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  }
  const functionValues = keys.functionKeys.map((k) => k.value);
  return {
    file,
    created,
    masterKey: keys.masterKey.value,
    defaultFunctionKey: functionValues[0] ?? keys.masterKey.value,
    systemKey: (name) => keys.systemKeys.find((k) => k.name === name)?.value,
    allows(level, presented) {
      if (level === 'anonymous') return true;
      if (!presented) return false;
      if (safeEqual(presented, keys.masterKey.value)) return true;
      return level === 'function' && functionValues.some((v) => safeEqual(presented, v));
    },
  };
}

function newKey(name: string) {
  // Same alphabet and length class as the real host's generated keys (URL-safe, ~56 chars).
  return { name, value: randomBytes(42).toString('base64url'), encrypted: false };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
