// Shared pieces of the store conformance suites: unique names and a store factory shape.

let counter = 0;
/** Unique per process and call, so tests never see each other's rooms, users or connections. */
export function unique(prefix: string): string {
  return `${prefix}-${process.pid}-${++counter}`;
}

export interface StoreFactory<S> {
  /** A store over storage no other test writes to the same keys of. */
  create(): S;
  /** Another store over the same storage as `of`: a second app instance. */
  twin(of: S): S;
}

/** Rejects with an error carrying this `code`. */
export async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code;
  }
  throw new Error('expected a rejection');
}
