// What a chat operation asks the outside world to do, in order: group changes, deliveries, queue
// events. Functions turn these into Web PubSub output actions and queue outputs.

export type DeliveryTarget =
  { group: string } | { user: string } | { connection: string } | { all: true };

export interface Delivery {
  to: DeliveryTarget;
  /** A JSON payload; serialised once however many recipients it has. */
  payload: unknown;
  excluded?: string[];
}

export interface GroupChange {
  kind: 'add' | 'remove';
  connectionId: string;
  group: string;
}

export interface Effects {
  groups: GroupChange[];
  deliveries: Delivery[];
  /** Occupancy events for the occupancy queue. */
  occupancy: unknown[];
}

export const noEffects = (): Effects => ({ groups: [], deliveries: [], occupancy: [] });

export interface Outcome<R> {
  /** The reply to the client that sent the event. */
  reply: R;
  effects: Effects;
}
