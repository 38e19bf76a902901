// The REST data-plane contract: API version, permission names, token audiences.

export const API_VERSION = '2024-12-01';
export const SUPPORTED_API_VERSIONS = [
  '2021-10-01',
  '2022-11-01',
  '2023-07-01',
  '2024-01-01',
  API_VERSION,
];

export const PERMISSIONS = ['sendToGroup', 'joinLeaveGroup'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Largest page `GET /groups/{group}/connections` returns. */
export const MAX_PAGE_SIZE = 200;
/** Range of `messageTtlSeconds` on sends. */
export const MAX_MESSAGE_TTL_SECONDS = 300;

/** Audience of a client access token: the http(s) endpoint, not ws(s). */
export function clientTokenAudience(endpoint: string, hub: string): string {
  return `${endpoint.replace(/\/+$/, '')}/client/hubs/${hub}`;
}

/** Client WebSocket URL for a hub, from an http(s) endpoint. */
export function clientBaseUrl(endpoint: string, hub: string): string {
  return clientTokenAudience(endpoint.replace(/^http/i, 'ws'), hub);
}
