// Turns effect descriptions (group changes, deliveries) into `webPubSub` output actions, serialising
// each payload once however many actions carry it.
import type { WebPubSubAction } from './actions';
import {
  addConnectionToGroupAction,
  json,
  removeConnectionFromGroupAction,
  sendToAllAction,
  sendToConnectionAction,
  sendToGroupAction,
  sendToUserAction,
} from './actions';

export type DeliveryTarget =
  { group: string } | { user: string } | { connection: string } | { all: true };

export interface DeliveryLike {
  to: DeliveryTarget;
  payload: unknown;
  excluded?: string[];
}

export interface GroupChangeLike {
  kind: 'add' | 'remove';
  connectionId: string;
  group: string;
}

export function toActions(
  groups: GroupChangeLike[],
  deliveries: DeliveryLike[],
): WebPubSubAction[] {
  const actions: WebPubSubAction[] = groups.map((g) =>
    g.kind === 'add'
      ? addConnectionToGroupAction(g.connectionId, g.group)
      : removeConnectionFromGroupAction(g.connectionId, g.group),
  );
  const serialised = new Map<unknown, ReturnType<typeof json>>();
  for (const d of deliveries) {
    let payload = serialised.get(d.payload);
    if (!payload) serialised.set(d.payload, (payload = json(d.payload)));
    const to = d.to;
    if ('group' in to) actions.push(sendToGroupAction(to.group, payload, d.excluded));
    else if ('user' in to) actions.push(sendToUserAction(to.user, payload));
    else if ('connection' in to) actions.push(sendToConnectionAction(to.connection, payload));
    else actions.push(sendToAllAction(payload, d.excluded));
  }
  return actions;
}
