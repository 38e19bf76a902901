// Polls an asynchronous condition (a REST query, say) until it holds, or fails after a timeout.

export async function eventually(
  condition: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 3000,
  intervalMs = 10,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
