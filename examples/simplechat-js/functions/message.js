// user/message (blocking): a line for everyone, signed with the sender's user id.
const { app } = require('@azure/functions');

const { HUB, actions, chatLine } = require('../lib/bindings');

app.webPubSub('message', {
  name: 'request',
  hub: HUB,
  eventType: 'user',
  eventName: 'message',
  extraOutputs: [actions],
  handler: (request, context) => {
    const { userId } = request.connectionContext;
    context.extraOutputs.set(actions, [
      { actionName: 'sendToAll', ...chatLine(userId, String(request.data)) },
    ]);
  },
});
