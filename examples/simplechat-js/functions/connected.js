// sys/connected (non-blocking): tells everyone who joined.
const { app } = require('@azure/functions');

const { HUB, actions, chatLine } = require('../lib/bindings');

app.webPubSub('connected', {
  name: 'request',
  hub: HUB,
  eventType: 'system',
  eventName: 'connected',
  extraOutputs: [actions],
  handler: (request, context) => {
    const { userId } = request.connectionContext;
    context.extraOutputs.set(actions, [
      { actionName: 'sendToAll', ...chatLine('system', `${userId} joined`) },
    ]);
  },
});
