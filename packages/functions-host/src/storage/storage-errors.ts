// Storage SDK failures the bindings recover from.

/** 404: the queue, table, message or entity does not exist. */
export function isNotFound(err: unknown): boolean {
  return (err as { statusCode?: number } | null)?.statusCode === 404;
}
