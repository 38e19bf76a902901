// Which event handler receives an event: handlers are tried in order and the first that lists
// the system event, whose userEventPattern matches the user event, or whose groupPresenceEvents
// take the presence event (name and group filter), wins.
import type { GroupPresenceEventName, SystemEventName } from '@wps-local/wire';

import type { EventHandlerSettings } from '../config';
import { compilePattern } from '../state/wildcard';

export type UpstreamEvent =
  | { kind: 'system'; name: SystemEventName }
  | { kind: 'user'; name: string }
  | { kind: 'presence'; name: GroupPresenceEventName; group: string };

export interface CompiledHandler {
  urlTemplate: string;
  systemEvents: ReadonlySet<string>;
  matchesUserEvent: (name: string) => boolean;
  presenceEvents: ReadonlySet<string>;
  matchesGroup: (group: string) => boolean;
}

export function compileHandlers(settings: readonly EventHandlerSettings[]): CompiledHandler[] {
  return settings.map((h) => ({
    urlTemplate: h.urlTemplate,
    systemEvents: new Set((h.systemEvents ?? []).map((e) => e.toLowerCase())),
    matchesUserEvent: compileUserEventPattern(h.userEventPattern),
    presenceEvents: new Set(h.groupPresenceEvents?.eventNames ?? []),
    matchesGroup: compileGroupFilters(h.groupPresenceEvents?.groupFilters),
  }));
}

/**
 * `groupFilters`: wildcard patterns as in group roles (`*`, `**`, `?`, `\`); none or empty means
 * every group. The config schema has already refused patterns that do not compile.
 */
export function compileGroupFilters(
  filters: readonly string[] | undefined,
): (g: string) => boolean {
  if (!filters || filters.length === 0) return () => true;
  const tests = filters.map((f): ((g: string) => boolean) => {
    const c = compilePattern(f);
    if ('error' in c) return () => false;
    if (c.kind === 'all') return () => true;
    if (c.kind === 'literal') return (g) => g === c.group;
    return (g) => c.matcher.matches(g);
  });
  return (g) => tests.some((t) => t(g));
}

export function findHandler(
  handlers: readonly CompiledHandler[],
  event: UpstreamEvent,
): CompiledHandler | undefined {
  return handlers.find((h) => {
    switch (event.kind) {
      case 'system':
        return h.systemEvents.has(event.name);
      case 'user':
        return h.matchesUserEvent(event.name);
      case 'presence':
        return h.presenceEvents.has(event.name) && h.matchesGroup(event.group);
    }
  });
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
