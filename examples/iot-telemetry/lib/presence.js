// Online tracking from MQTT session events, with no I/O. The service sends `connected` when a new
// MQTT session starts and `disconnected` when a session ends (reference-mqtt-cloud-events.md), and a
// device that reconnects may have its new session's `connected` arrive before the old session's
// `disconnected`: a session's end only takes a device offline when that session is the current one.

/** The record a `connected` event writes: this session is now the device's. */
function online(deviceId, { sessionId, physicalConnectionId }, at) {
  return { deviceId, online: true, sessionId, physicalConnectionId, since: at };
}

/**
 * The record a `disconnected` event writes, or null when the device has moved on to another
 * session (or was never seen online).
 */
function offline(current, { sessionId }, disconnection, at) {
  if (!current || !current.online) return null;
  if (current.sessionId && sessionId && current.sessionId !== sessionId) return null;
  return {
    deviceId: current.deviceId,
    online: false,
    sessionId: current.sessionId,
    physicalConnectionId: current.physicalConnectionId,
    since: at,
    lastDisconnect: disconnection,
  };
}

/** What dashboards learn about a disconnection (the MQTT part of the extension's request). */
function disconnection(request) {
  const mqtt = request.mqtt ?? null;
  return {
    reason: request.reason ?? null,
    initiatedByClient: mqtt?.initiatedByClient ?? false,
    code: mqtt?.disconnectPacket?.code ?? null,
  };
}

module.exports = { online, offline, disconnection };
