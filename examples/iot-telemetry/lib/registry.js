// Which devices may connect: the `DEVICES` app setting, a comma-separated list of device ids. A
// device id is also the device's MQTT client id, so it follows the service's client-id rule.

/** Client ids the service accepts: 1 to 128 letters and digits. */
const DEVICE_ID = /^[0-9a-zA-Z]{1,128}$/;

function knownDevices(setting = process.env.DEVICES ?? '') {
  return new Set(
    setting
      .split(',')
      .map((id) => id.trim())
      .filter((id) => DEVICE_ID.test(id)),
  );
}

module.exports = { DEVICE_ID, knownDevices };
