/**
 * Wait for a condition that another process makes true (a socket appears, a
 * record is written). Polls with a deadline; the failure message says what
 * was awaited and what was last seen.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs = 10_000, intervalMs = 20, describe }: { timeoutMs?: number; intervalMs?: number; describe?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describe ? `; last seen:\n${describe()}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
