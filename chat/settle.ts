// Runs synchronous store logic behind a Promise-returning interface: a throw becomes a rejection.

export function settle<T>(run: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(run()));
}
