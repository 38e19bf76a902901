// Role names a client connection can hold.

export const ROLE_PREFIX = 'webpubsub.';
export const ROLES = {
  joinLeaveGroup: 'webpubsub.joinLeaveGroup',
  sendToGroup: 'webpubsub.sendToGroup',
  /** `webpubsub.joinLeaveGroups.<pattern>`: wildcard form (note the plural). */
  joinLeaveGroups: 'webpubsub.joinLeaveGroups',
  sendToGroups: 'webpubsub.sendToGroups',
} as const;

/** Token claim names. */
export const CLAIMS = {
  role: 'role',
  group: 'webpubsub.group',
  userId: 'sub',
} as const;
