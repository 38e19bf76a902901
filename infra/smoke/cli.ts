// `npm run smoke -- <url> [--cookie C] [--bearer T] [--header 'name: value']... [--guest] [--room R]
// [--skip-forged-check]` runs the smoke test against a deployed app (URL defaults to
// FUNCTION_APP_URL from azd) with the official @azure/web-pubsub-client, and exits non-zero naming
// the failed step. It first checks that forged principal headers are refused. Never prints keys.
import { parseArgs } from 'node:util';

import { WebPubSubClient } from '@azure/web-pubsub-client';

import { runSmoke } from './smoke';

export function headersFrom(v: {
  cookie?: string;
  bearer?: string;
  header?: string[];
}): Record<string, string> {
  const headers: Record<string, string> = {};
  if (v.cookie) headers.cookie = v.cookie;
  if (v.bearer) headers.authorization = `Bearer ${v.bearer}`;
  for (const h of v.header ?? []) {
    const at = h.indexOf(':');
    if (at <= 0) throw new Error(`--header must be 'name: value', got "${h}"`);
    headers[h.slice(0, at).trim().toLowerCase()] = h.slice(at + 1).trim();
  }
  return headers;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      cookie: { type: 'string' },
      bearer: { type: 'string' },
      header: { type: 'string', multiple: true },
      guest: { type: 'boolean' },
      room: { type: 'string' },
      timeout: { type: 'string' },
      // Only for hosts with no App Service Authentication in front (func start, the test stack).
      'skip-forged-check': { type: 'boolean' },
    },
  });
  const baseUrl = positionals[0] ?? process.env.FUNCTION_APP_URL;
  if (!baseUrl)
    throw new Error(
      'usage: npm run smoke -- <app url> [--cookie C | --bearer T | --header "n: v" | --guest]',
    );
  console.log(`smoke: ${baseUrl}`);
  const result = await runSmoke({
    baseUrl,
    headers: headersFrom({
      ...values,
      cookie: values.cookie ?? process.env.SMOKE_COOKIE,
      bearer: values.bearer ?? process.env.SMOKE_BEARER,
    }),
    guest: values.guest,
    checkForged: !values['skip-forged-check'],
    room: values.room,
    timeoutMs: values.timeout ? Number(values.timeout) * 1000 : 60_000,
    createClient: (getClientAccessUrl) => new WebPubSubClient({ getClientAccessUrl }),
    log: (line) => console.log(line),
  });
  const total = result.steps.reduce((sum, s) => sum + s.ms, 0);
  console.log(`smoke: passed as ${result.userId} in room ${result.room} (${total} ms)`);
}

if (require.main === module) {
  void main()
    .then(() => 0)
    .catch((err: unknown) => {
      console.error(`smoke: FAILED — ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    })
    // The client SDK can leave a timer behind after it stopped: a finished CLI exits.
    .then((code) => process.exit(code));
}
