// Runs `listener` when `signal` aborts, or at once if it already has (an 'abort' listener added
// after the fact would never run, and a wait on it would hang).
export function onAbort(signal: AbortSignal, listener: () => void): void {
  if (signal.aborted) queueMicrotask(listener);
  else signal.addEventListener('abort', listener, { once: true });
}
