// The one wait of every test layer: polls `probe` until it returns a truthy value (which is returned), or throws
// with `what` after `timeoutMs`. Waits are on conditions; nothing sleeps for a fixed time.

export async function waitFor<T>(what: string, probe: () => Promise<T> | T, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: string | undefined;
  for (let delay = 5; ; delay = Math.min(delay * 2, 250)) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      lastError = String(err);
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, delay)); // polling interval, not a wait for a condition
  }
}
