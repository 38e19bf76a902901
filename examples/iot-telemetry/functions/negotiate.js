// GET /api/negotiate: a JSON-subprotocol client URL for a dashboard. Dashboards join their groups
// when they connect (connectDashboard), so the token needs no roles.
const { app, input } = require('@azure/functions');

const { HUB } = require('../lib/hub');

const connection = input.webPubSubConnection({ name: 'connection', hub: HUB });

app.http('negotiate', {
  methods: ['GET', 'POST'],
  authLevel: 'anonymous',
  extraInputs: [connection],
  handler: (_request, context) => ({ jsonBody: context.extraInputs.get(connection) }),
});
