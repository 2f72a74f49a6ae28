/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * the wait after the n-th failure in a row is a uniform draw from [0, min(cap, base · 2^(n−1))],
 * so 80 centers that failed together do not come back together. A `Retry-After` from the registry
 * is a floor: never sooner than it asked, and the jitter is added on top of it (a bare floor would
 * bring every center back at the same second).
 *
 * @example backoffDelayMs(3, Math.random) // somewhere in [0, 8 s)
 */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 30 * 60 * 1000;

export function backoffDelayMs(failures: number, random: () => number, retryAfterMs?: number, options: { readonly baseMs?: number; readonly capMs?: number } = {}): number {
  const base = options.baseMs ?? BACKOFF_BASE_MS;
  const cap = options.capMs ?? BACKOFF_CAP_MS;
  const ceiling = Math.min(cap, base * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  const jittered = Math.floor(random() * ceiling);
  return Math.min(retryAfterMs ?? 0, cap) + jittered;
}
