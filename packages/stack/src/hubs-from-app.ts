// The emulator's hub settings derived from the app itself, as a deployment wires the service to it:
// each hub named by a `webPubSubTrigger` (`%Setting%` resolved as the host resolves it, the
// `WebPubSubHub` setting when the trigger names none) gets one event handler pointing at the host's
// webhook, for exactly the system events and user event names the app registers.
import type { EventHandlerSettings, HubSettings } from '@wps-local/emulator';

/** A function as the host's admin API lists it (`GET /admin/functions`). */
export interface ListedFunction {
  name: string;
  config: { bindings: Record<string, unknown>[] };
}

type SystemEvent = NonNullable<EventHandlerSettings['systemEvents']>[number];
/** The system events an event handler can subscribe to (`connect` blocks; the others do not). */
const SYSTEM_EVENTS: readonly SystemEvent[] = ['connect', 'connected', 'disconnected'];
const isSystemEvent = (name: string): name is SystemEvent =>
  (SYSTEM_EVENTS as readonly string[]).includes(name);

export function hubsFromApp(
  functions: readonly ListedFunction[],
  setting: (name: string) => string | undefined,
  webhookUrl: string,
): Record<string, HubSettings> {
  const hubs = new Map<string, { system: Set<SystemEvent>; user: Set<string> }>();
  for (const fn of functions) {
    for (const b of fn.config.bindings) {
      if (text(b.type).toLowerCase() !== 'webpubsubtrigger') continue;
      const hub = resolve(typeof b.hub === 'string' && b.hub ? b.hub : '%WebPubSubHub%', setting);
      const eventName = text(b.eventName);
      if (!hub || !eventName) continue;
      let events = hubs.get(hub);
      if (!events) hubs.set(hub, (events = { system: new Set(), user: new Set() }));
      const lower = eventName.toLowerCase();
      if (text(b.eventType).toLowerCase() !== 'system') events.user.add(eventName);
      else if (isSystemEvent(lower)) events.system.add(lower);
    }
  }
  const settings: Record<string, HubSettings> = {};
  for (const [hub, { system, user }] of hubs) {
    const userEventPattern = user.has('*') ? '*' : [...user].join(',');
    settings[hub] = {
      eventHandlers: [
        {
          urlTemplate: webhookUrl,
          ...(userEventPattern ? { userEventPattern } : {}),
          systemEvents: [...system],
        },
      ],
    };
  }
  return settings;
}

/** `%Name%` → the setting's value; a hub name with no `%` is used as it is. */
function resolve(value: string, setting: (name: string) => string | undefined): string | undefined {
  const match = /^%([^%]+)%$/.exec(value.trim());
  return match ? setting(match[1]!) : value;
}

export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
