// What the stack prints once everything is up: what a developer copies (URLs, connection strings,
// keys for key-protected routes) and how to stop.
import type { ListedFunction } from './hubs-from-app';
import { text } from './hubs-from-app';
import type { RunningStack, StackUrls } from './start-stack';

export interface BannerFacts {
  stack: RunningStack;
  hostName: string;
  storageDir: string;
  watching: boolean;
}

export function banner(f: BannerFacts): string {
  const { urls, settings, keys, functions } = f.stack;
  const hubs = Object.keys(f.stack.hubs);
  const lines = [
    '',
    'Local stack is running (local development only, never for production)',
    `  App          ${urls.host}/`,
  ];
  const routes = functions.flatMap((fn) => httpRoute(fn, urls));
  for (const r of routes) lines.push(`    ${r.name.padEnd(18)} ${r.methods} ${r.url}${r.keyNote}`);
  lines.push(
    `  Host         ${f.hostName}; Web PubSub webhook ${urls.webhook}`,
    `  Web PubSub   ${urls.emulator} (emulator; hubs: ${hubs.join(', ') || 'none'})`,
    `    WebPubSubConnectionString=${settings.WebPubSubConnectionString}`,
    `    Inspector  ${urls.inspector} (live connections, traffic, actions, faults)`,
    `  Storage      Azurite, data in ${f.storageDir}`,
    `    Blob       ${urls.storage.blob}`,
    `    Queue      ${urls.storage.queue}`,
    `    Table      ${urls.storage.table}`,
    `    AzureWebJobsStorage=${settings.AzureWebJobsStorage}`,
  );
  if (keys && routes.some((r) => r.keyNote)) {
    lines.push(
      `  Keys         function key ${keys.functionKey}`,
      `               master key   ${keys.masterKey}`,
      '               (send as the x-functions-key header or ?code=; local keys in .host-keys/)',
    );
  }
  lines.push(
    f.watching
      ? 'Watching the app: a change rebuilds it and restarts the host. Press Ctrl-C to stop.'
      : 'Press Ctrl-C to stop.',
    '',
  );
  return lines.join('\n');
}

interface HttpRoute {
  name: string;
  methods: string;
  url: string;
  keyNote: string;
}

function httpRoute(fn: ListedFunction, urls: StackUrls): HttpRoute[] {
  const trigger = fn.config.bindings.find((b) => text(b.type).toLowerCase() === 'httptrigger');
  if (!trigger) return [];
  const route = typeof trigger.route === 'string' ? trigger.route : fn.name;
  const methods = Array.isArray(trigger.methods) ? trigger.methods.join(',').toUpperCase() : 'ALL';
  const level = (text(trigger.authLevel) || 'function').toLowerCase();
  return [
    {
      name: fn.name,
      methods: `[${methods}]`,
      url: `${urls.api}${route.replace(/^\/+/, '')}`,
      keyNote: level === 'anonymous' ? '' : ` (${level} key)`,
    },
  ];
}
