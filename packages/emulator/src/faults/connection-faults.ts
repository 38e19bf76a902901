// One-off faults on live connections: drop (the TCP connection dies with no close frame, as in a
// network cut: the server sees 1006, a reliable client may recover) or close with a code.
import type { ClientConnection } from '../state/connection';
import type { HubRegistry } from '../state/hub-registry';
import type { ConnectionLifecycle } from '../ws/lifecycle';
import type { ConnectionFaultSpec, FaultTarget } from './spec';
import { matches } from './spec';

/** Live connections a target names (a target with no field names every connection). */
export function targetedConnections(hubs: HubRegistry, target: FaultTarget): ClientConnection[] {
  const out: ClientConnection[] = [];
  for (const hub of hubs.all()) {
    for (const conn of hub.connections.values()) {
      const subject = { hub: hub.name, connectionId: conn.id, userId: conn.userId };
      if (!conn.ended && matches(target, subject)) out.push(conn);
    }
  }
  return out;
}

/** Applies the fault now; resolves with the ids of the connections it hit. */
export function applyConnectionFault(
  hubs: HubRegistry,
  lifecycle: ConnectionLifecycle,
  spec: ConnectionFaultSpec,
): string[] {
  const hit = targetedConnections(hubs, spec.target);
  for (const conn of hit) {
    if (spec.type === 'drop') {
      // No close frame, the socket destroyed: what ws reports as 1006 on both ends.
      conn.socket?.terminate();
    } else {
      lifecycle.closeByService(conn, spec.reason, spec.code);
    }
  }
  return hit.map((c) => c.id);
}
