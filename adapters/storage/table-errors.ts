// Status checks for Table service errors (RestError from @azure/data-tables).

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

export function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}

export function isConflict(error: unknown): boolean {
  return statusOf(error) === 409;
}

/**
 * Someone else wrote first: 412 (ETag changed), 409 (row created meanwhile) or 404 (row deleted
 * meanwhile). Re-read and try again.
 */
export function isLostRace(error: unknown): boolean {
  const status = statusOf(error);
  return status === 412 || status === 409 || status === 404;
}

/** Bound on optimistic retries; each lost race means another writer made progress. */
export const MAX_ATTEMPTS = 100;
