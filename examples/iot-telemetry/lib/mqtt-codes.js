// The refusals a connect function returns for an MQTT client: the CONNACK code depends on the
// client's MQTT version (3.1.1 return codes, 5.0 reason codes; the `mqtt.code` of the Web PubSub
// extension's MqttConnectEventErrorResponse). MQTT 5.0 clients also see the reason string.

const MQTT_V311 = 4;

const REFUSALS = {
  /** Not a registered device. */
  notAuthorized: { v311: 5, v5: 0x87 },
  /** A device must use its device id as its MQTT client id. */
  clientIdentifierNotValid: { v311: 2, v5: 0x85 },
};

function mqttRefusal(kind, protocolVersion, reason) {
  const codes = REFUSALS[kind];
  return { mqtt: { code: protocolVersion === MQTT_V311 ? codes.v311 : codes.v5, reason } };
}

module.exports = { mqttRefusal };
