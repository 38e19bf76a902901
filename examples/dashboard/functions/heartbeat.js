// A timer (HEARTBEAT_SCHEDULE, NCRONTAB) that tells every client the server is alive, so a
// dashboard can show when its data went stale.
const { app } = require('@azure/functions');

const { actions, push } = require('../lib/bindings');

app.timer('heartbeat', {
  schedule: '%HEARTBEAT_SCHEDULE%',
  extraOutputs: [actions],
  handler: (timer, context) => {
    context.extraOutputs.set(actions, [
      {
        actionName: 'sendToAll',
        ...push({ type: 'heartbeat', at: new Date().toISOString(), late: timer.isPastDue }),
      },
    ]);
  },
});
