// GET /api/devices/{deviceId}/negotiate?code=<function key>: an MQTT client URL for one device
// (`clientProtocol: 'mqtt'`: the `/clients/mqtt/hubs/{hub}` endpoint), its token naming the device
// as its user. Provisioning tools call it with a function key; whether the device may connect at
// all is decided when it connects (connectDevice), so a token for a retired device is refused too.
const { app, input } = require('@azure/functions');

const { HUB } = require('../lib/hub');
const { DEVICE_ID } = require('../lib/registry');

const connection = input.webPubSubConnection({
  name: 'connection',
  hub: HUB,
  userId: '{deviceId}',
  clientProtocol: 'mqtt',
});

app.http('negotiateDevice', {
  methods: ['GET', 'POST'],
  authLevel: 'function',
  route: 'devices/{deviceId}/negotiate',
  extraInputs: [connection],
  handler: (request, context) => {
    if (!DEVICE_ID.test(request.params.deviceId)) {
      return {
        status: 400,
        jsonBody: {
          error: {
            code: 'InvalidDeviceId',
            message: 'A device id is 1 to 128 letters and digits.',
          },
        },
      };
    }
    return { jsonBody: context.extraInputs.get(connection) };
  },
});
