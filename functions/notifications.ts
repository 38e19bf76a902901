// Queue `notifications`: any backend drops `{ to, title, body?, level? }` and it is pushed live. A bad
// message throws, so the host retries it and then keeps it in `notifications-poison`.
import type { InvocationContext } from '@azure/functions';
import { app } from '@azure/functions';

import { actionsOutput, NOTIFICATIONS_QUEUE, STORAGE_CONNECTION } from '../bindings';
import { noEffects } from '../chat/effects';
import { notificationDelivery } from '../chat/notifications';
import { emitEffects } from './shared/effects-sink';

export function onNotification(message: unknown, context: InvocationContext): void {
  emitEffects(context, { ...noEffects(), deliveries: [notificationDelivery(message)] });
}

app.storageQueue('notifications', {
  queueName: NOTIFICATIONS_QUEUE,
  connection: STORAGE_CONNECTION,
  extraOutputs: [actionsOutput],
  handler: onNotification,
});
