// The one way effects leave a function: a chat operation's Effects become the `webPubSub` output's
// actions (group changes first, then send permissions, then deliveries, each payload serialised once) and the occupancy
// queue's messages. Functions that emit effects declare EFFECT_OUTPUTS.
import type { InvocationContext } from '@azure/functions';

import type { WebPubSubAction } from '../../bindings';
import {
  actionsOutput,
  addConnectionToGroupAction,
  emitActions,
  emitOccupancy,
  grantSendToGroupAction,
  json,
  occupancyOutput,
  removeConnectionFromGroupAction,
  revokeSendToGroupAction,
  sendToAllAction,
  sendToConnectionAction,
  sendToGroupAction,
  sendToUserAction,
} from '../../bindings';
import type { Effects } from '../../chat/effects';
import type { ServerPayload } from '../../chat-contract/payloads';

export const EFFECT_OUTPUTS = [actionsOutput, occupancyOutput];

export function emitEffects(context: InvocationContext, effects: Effects): void {
  emitActions(context, toActions(effects));
  emitOccupancy(context, effects.occupancy);
}

export function toActions({ groups, permissions, deliveries }: Effects): WebPubSubAction[] {
  const actions: WebPubSubAction[] = groups.map((g) =>
    g.kind === 'add'
      ? addConnectionToGroupAction(g.connectionId, g.group)
      : removeConnectionFromGroupAction(g.connectionId, g.group),
  );
  for (const p of permissions) {
    actions.push(
      p.kind === 'grant'
        ? grantSendToGroupAction(p.connectionId, p.group)
        : revokeSendToGroupAction(p.connectionId, p.group),
    );
  }
  const serialised = new Map<ServerPayload, ReturnType<typeof json>>();
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
