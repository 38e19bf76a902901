// What a chat operation asks the outside world to do, in order: group changes, deliveries, queue
// events. One set of types: the functions' effects sink turns them into output bindings.
import type { ServerPayload } from '../chat-contract/payloads';
import type { OccupancyEvent } from '../chat-contract/server-api';

export type DeliveryTarget =
  { group: string } | { user: string } | { connection: string } | { all: true };

export interface Delivery {
  to: DeliveryTarget;
  /** Serialised once however many recipients it has. */
  payload: ServerPayload;
  excluded?: string[];
}

export interface GroupChange {
  kind: 'add' | 'remove';
  connectionId: string;
  group: string;
}

/** A connection may send to `group` (granted) or no longer (revoked): typing groups. */
export interface PermissionChange {
  kind: 'grant' | 'revoke';
  connectionId: string;
  group: string;
}

export interface Effects {
  groups: GroupChange[];
  /** Applied after `groups`, before `deliveries`. */
  permissions: PermissionChange[];
  deliveries: Delivery[];
  occupancy: OccupancyEvent[];
}

export const noEffects = (): Effects => ({
  groups: [],
  permissions: [],
  deliveries: [],
  occupancy: [],
});

export interface Outcome<R> {
  /** The reply to the client that sent the event. */
  reply: R;
  effects: Effects;
}
