// Which event handler receives an event: handlers are tried in order and the first that lists
// the system event, or whose userEventPattern matches the user event, wins.
import type { SystemEventName } from '@wps-local/wire';

import type { EventHandlerSettings } from '../config';

export type UpstreamEvent =
  { kind: 'system'; name: SystemEventName } | { kind: 'user'; name: string };

export interface CompiledHandler {
  urlTemplate: string;
  systemEvents: ReadonlySet<string>;
  matchesUserEvent: (name: string) => boolean;
}

export function compileHandlers(settings: readonly EventHandlerSettings[]): CompiledHandler[] {
  return settings.map((h) => ({
    urlTemplate: h.urlTemplate,
    systemEvents: new Set((h.systemEvents ?? []).map((e) => e.toLowerCase())),
    matchesUserEvent: compileUserEventPattern(h.userEventPattern),
  }));
}

export function findHandler(
  handlers: readonly CompiledHandler[],
  event: UpstreamEvent,
): CompiledHandler | undefined {
  return handlers.find((h) =>
    event.kind === 'system' ? h.systemEvents.has(event.name) : h.matchesUserEvent(event.name),
  );
}

/** `*`, a name, or a comma-separated list of names (each may use `*` wildcards); case-insensitive. */
export function compileUserEventPattern(pattern: string | undefined): (name: string) => boolean {
  const items = (pattern ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) return () => false;
  if (items.includes('*')) return () => true;
  const regexes = items.map(
    (item) => new RegExp('^' + item.split('*').map(escapeRegExp).join('.*') + '$', 'i'),
  );
  return (name) => regexes.some((r) => r.test(name));
}

/** Expands `{hub}` and `{event}` (case-insensitive), URL-escaping the values. */
export function expandUrl(template: string, hub: string, event: string): string {
  if (!template.includes('{')) return template;
  return template.replace(/\{(hub|event)\}/gi, (_, key: string) =>
    encodeURIComponent(key.toLowerCase() === 'hub' ? hub : event),
  );
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
