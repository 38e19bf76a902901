// Web PubSub functions on hub `bench`: an echo user event (P4, P5), a blocking `connect` that
// names the user and the groups (P7), a fire-and-forget `connected`, and the counts of both.
const { app } = require('@azure/functions');

const HUB = 'bench';
const counts = { connect: 0, connected: 0 };

// Replies with the event's data as it came: {"type":"message","from":"server",...} to the sender.
app.webPubSub('echo', {
  name: 'request',
  hub: HUB,
  eventType: 'user',
  eventName: 'echo',
  handler: (request) => ({ data: request.data, dataType: 'text' }),
});

// The user id from the token (or one made from the connection id) and the groups in `?group=`.
app.webPubSub('connect', {
  name: 'request',
  hub: HUB,
  eventType: 'system',
  eventName: 'connect',
  handler: (request) => {
    counts.connect++;
    const ctx = request.connectionContext;
    return {
      userId: ctx.userId || `u-${ctx.connectionId}`,
      groups: (request.query && request.query.group) || [],
    };
  },
});

app.webPubSub('connected', {
  name: 'request',
  hub: HUB,
  eventType: 'system',
  eventName: 'connected',
  handler: () => {
    counts.connected++;
  },
});

// GET: the counts so far; POST: the same, then zeroed.
app.http('counts', {
  methods: ['GET', 'POST'],
  authLevel: 'anonymous',
  handler: (request) => {
    const body = { ...counts };
    if (request.method === 'POST') counts.connect = counts.connected = 0;
    return { jsonBody: body };
  },
});
