// A wait on a condition that callbacks change: `changed()` after each change, `until(cond)` resolves
// once it holds, or rejects after a timeout. Tests never sleep.
export function conditionWaiter() {
  const waiters = new Set<() => void>();
  return {
    changed: () => waiters.forEach((w) => w()),
    until: (cond: () => boolean, ms = 5000) =>
      new Promise<void>((resolve, reject) => {
        if (cond()) return resolve();
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('condition not met in time'));
        }, ms);
        const check = () => {
          if (!cond()) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      }),
  };
}
