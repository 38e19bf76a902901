// Devices as real MQTT clients (the `mqtt` package) that get their URL from the app's device
// negotiate route, and waits on what a dashboard (an official Web PubSub client) receives.
// node --test also loads this file: it defines no tests.
const mqtt = require('mqtt');

/** The MQTT client URL the app mints for a device (needs the function key, as in Azure). */
async function deviceUrl(stack, deviceId) {
  const res = await fetch(
    `${stack.apiUrl}devices/${deviceId}/negotiate?code=${encodeURIComponent(stack.keys.function)}`,
  );
  if (res.status !== 200) throw new Error(`device negotiate answered ${res.status}`);
  return (await res.json()).url;
}

/**
 * Connects an MQTT client (clean session, no reconnects) and resolves when the CONNACK says
 * whether it got in: `{ client, connack }` or `{ error }` with the CONNACK's code.
 */
function connectDevice(url, { protocolVersion = 5, clientId }) {
  return new Promise((resolve) => {
    const client = mqtt.connect(url, {
      protocolVersion,
      clientId,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: 10_000,
    });
    const onConnect = (connack) => done({ client, connack });
    const onError = (error) => done({ error, client });
    const done = (result) => {
      client.off('connect', onConnect);
      client.off('error', onError);
      if (result.error) client.end(true);
      resolve(result);
    };
    client.once('connect', onConnect);
    client.once('error', onError);
  });
}

/** A device that must get in. */
async function onlineDevice(stack, deviceId, options = {}) {
  const url = await deviceUrl(stack, deviceId);
  const result = await connectDevice(url, { clientId: deviceId, ...options });
  if (result.error) throw new Error(`${deviceId} was refused: ${result.error.message}`);
  return result;
}

/** Publishes one reading to the telemetry topic (QoS 1: resolves once the service has it). */
function publishReading(client, reading, { json = true } = {}) {
  const v5 = client.options.protocolVersion === 5;
  return client.publishAsync('telemetry', JSON.stringify(reading), {
    qos: 1,
    ...(v5 && json ? { properties: { contentType: 'application/json' } } : {}),
  });
}

/** Group message data as an object, whatever data type it arrived in. */
function payload(message) {
  if (message.data instanceof ArrayBuffer) {
    return JSON.parse(Buffer.from(message.data).toString('utf8'));
  }
  return typeof message.data === 'string' ? JSON.parse(message.data) : message.data;
}

/** Waits for a message in `group` whose payload matches `predicate`. */
function groupMessage(viewer, group, predicate, what) {
  return viewer.until(
    () => viewer.messages.find((m) => m.kind === 'groupData' && m.group === group && predicate(m)),
    what,
  );
}

module.exports = {
  connectDevice,
  deviceUrl,
  groupMessage,
  onlineDevice,
  payload,
  publishReading,
};
