// sys/connect (blocking): who may join. Anonymous and banned users are refused with 401; everyone
// else joins as the user their token names.
const { app } = require('@azure/functions');

const { HUB } = require('../lib/bindings');

function bannedUsers() {
  return new Set(
    (process.env.BANNED_USERS ?? '')
      .split(',')
      .map((user) => user.trim())
      .filter(Boolean),
  );
}

app.webPubSub('connect', {
  name: 'request',
  hub: HUB,
  eventType: 'system',
  eventName: 'connect',
  handler: (request, context) => {
    const { userId } = request.connectionContext;
    if (!userId) {
      return { code: 'unauthorized', errorMessage: 'Sign in first: anonymous users may not chat.' };
    }
    if (bannedUsers().has(userId)) {
      context.warn(`refused banned user ${userId}`);
      return { code: 'unauthorized', errorMessage: `${userId} is banned from this chat.` };
    }
    return { userId };
  },
});
