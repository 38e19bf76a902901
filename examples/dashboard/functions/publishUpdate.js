// Queue `dashboard-updates` → every client (or one board's group): each item is a JSON object such
// as `{ "metric": "orders", "value": 42 }`, optionally with `"board": "sales"`. host.json reads
// messages as plain text (`messageEncoding: none`), as the storage SDKs send them by default.
const { app } = require('@azure/functions');

const { actions, push } = require('../lib/bindings');

app.storageQueue('publishUpdate', {
  queueName: 'dashboard-updates',
  connection: 'AzureWebJobsStorage',
  extraOutputs: [actions],
  handler: (item, context) => {
    if (typeof item !== 'object' || item === null || typeof item.metric !== 'string') {
      // Thrown, the item is retried, then moved to dashboard-updates-poison for a person to see.
      throw new Error(`not a dashboard update: ${JSON.stringify(item)}`);
    }
    const { board, ...update } = item;
    const message = push({ type: 'update', ...update });
    context.extraOutputs.set(actions, [
      board === undefined
        ? { actionName: 'sendToAll', ...message }
        : { actionName: 'sendToGroup', group: String(board), ...message },
    ]);
  },
});
