// Access tokens the way the SDKs make them: HS256 with the access key; client tokens for the hub's
// client endpoint, REST tokens whose audience is the request URL.
import jwt from 'jsonwebtoken';

export const HUB = 'bench';
export const API_VERSION = '2024-12-01';
const ORIGIN_HOST = '127.0.0.1';

export interface ClientClaims {
  userId?: string;
  roles?: string[];
  groups?: string[];
}

export function origin(port: number): string {
  return `http://${ORIGIN_HOST}:${port}`;
}

/** ws://127.0.0.1:port/client/hubs/bench?access_token=… for a subprotocol client. */
export function clientUrl(port: number, key: string, claims: ClientClaims = {}): string {
  const payload: Record<string, unknown> = {};
  if (claims.userId !== undefined) payload.sub = claims.userId;
  if (claims.roles?.length) payload.role = claims.roles;
  if (claims.groups?.length) payload['webpubsub.group'] = claims.groups;
  const token = jwt.sign(payload, key, {
    algorithm: 'HS256',
    audience: `${origin(port)}/client/hubs/${HUB}`,
    expiresIn: '1h',
  });
  return `ws://${ORIGIN_HOST}:${port}/client/hubs/${HUB}?access_token=${token}`;
}

/** ws://127.0.0.1:port/clients/mqtt/hubs/bench?access_token=… for an MQTT client. */
export function mqttClientUrl(port: number, key: string, claims: ClientClaims = {}): string {
  const payload: Record<string, unknown> = {};
  if (claims.userId !== undefined) payload.sub = claims.userId;
  if (claims.roles?.length) payload.role = claims.roles;
  const token = jwt.sign(payload, key, {
    algorithm: 'HS256',
    audience: `${origin(port)}/clients/mqtt/hubs/${HUB}`,
    expiresIn: '1h',
  });
  return `ws://${ORIGIN_HOST}:${port}/clients/mqtt/hubs/${HUB}?access_token=${token}`;
}

/** A REST path with its api-version, e.g. restPath('users/u1/:send'). */
export function restPath(operation: string): string {
  return `/api/hubs/${HUB}/${operation}?api-version=${API_VERSION}`;
}

/** The bearer token for one REST request URL (audience = the URL, as the SDK signs it). */
export function restToken(port: number, key: string, pathWithQuery: string): string {
  return jwt.sign({}, key, {
    algorithm: 'HS256',
    audience: `${origin(port)}${pathWithQuery}`,
    expiresIn: '1h',
  });
}

export const SEND_TO_GROUP_ROLE = 'webpubsub.sendToGroup';
export const JSON_SUBPROTOCOL = 'json.webpubsub.azure.v1';
