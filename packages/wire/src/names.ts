// Name rules and size limits of the service, as data and small pure checks.

/** Hub names: a letter, then up to 127 letters, digits or _ ` , . [ ] */
export const HUB_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_`,.[\]]{0,127}$/;
/** User event names. */
export const EVENT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;
export const MAX_GROUP_NAME_LENGTH = 1024;
export const MAX_USER_ID_LENGTH = 1024;
/** 1 MiB: the largest client frame, REST body or upstream message the service accepts. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Message metadata (`metadata` in frames, `X-WebPubSub-Metadata-*` headers). */
export const METADATA_LIMITS = { keyLength: 256, valueLength: 1024, totalBytes: 8 * 1024 } as const;

export const INVALID_GROUP_NAME_MESSAGE =
  'Invalid group name: it must have 1 to 1024 characters and not only white space.';

export function isValidHubName(name: string): boolean {
  return HUB_NAME_PATTERN.test(name);
}

/** Group names: 1..1024 characters, not only white space. */
export function isValidGroupName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    name.length <= MAX_GROUP_NAME_LENGTH &&
    name.trim().length > 0
  );
}

export function isValidUserId(id: unknown): id is string {
  return typeof id === 'string' && id.length <= MAX_USER_ID_LENGTH;
}

export function isValidEventName(name: unknown): name is string {
  return typeof name === 'string' && EVENT_NAME_PATTERN.test(name);
}
