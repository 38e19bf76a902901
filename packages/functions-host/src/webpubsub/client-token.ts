// Client access URLs as the extension's webPubSubConnection binding makes them with the .NET SDK:
// an HS256 token keyed with the AccessKey's UTF-8 bytes, `aud` the http(s) client URL, `sub` the
// user when one is given (even ""), `nbf`/`iat`/`exp` with a one-hour lifetime, no roles or groups.
import { signHs256 } from './hs256';

export type ClientProtocol = 'default' | 'mqtt';

export interface WebPubSubConnectionInfo {
  baseUrl: string;
  url: string;
  accessToken: string;
}

const LIFETIME_SECONDS = 60 * 60;

export function clientConnection(
  access: { endpoint: string; accessKey: string },
  hub: string,
  userId: string | undefined,
  protocol: ClientProtocol,
  now = Date.now(),
): WebPubSubConnectionInfo {
  const path = protocol === 'mqtt' ? `clients/mqtt/hubs/${hub}` : `client/hubs/${hub}`;
  const seconds = Math.floor(now / 1000);
  const claims = {
    ...(userId !== undefined ? { sub: userId } : {}),
    nbf: seconds,
    exp: seconds + LIFETIME_SECONDS,
    iat: seconds,
    aud: `${access.endpoint}/${path}`,
  };
  const accessToken = signHs256(claims, access.accessKey);
  const baseUrl = `${access.endpoint.replace(/^http/i, 'ws')}/${path}`;
  return { baseUrl, url: `${baseUrl}?access_token=${accessToken}`, accessToken };
}
