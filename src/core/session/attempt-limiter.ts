/**
 * Slows password guessing: the first few wrong passwords cost nothing extra, then each further
 * try must wait twice as long as the last (1 s, 2 s, 4 s, … up to a cap). Kept in memory per
 * running core; a success clears it. Keys are lowercased usernames (or `#recovery`).
 */
export const FREE_ATTEMPTS = 5;
export const MAX_RETRY_DELAY_MS = 15 * 60_000;

interface AttemptRecord {
  failures: number;
  retryAtMs: number;
}

export class AttemptLimiter {
  readonly #records = new Map<string, AttemptRecord>();

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  retryAfterMs(key: string, nowMs: number): number {
    const record = this.#records.get(key.toLowerCase());
    return record ? Math.max(0, record.retryAtMs - nowMs) : 0;
  }

  /**
   * Counts one more failure; returns the count and the wait it now imposes.
   *
   * @example limiter.recordFailure('dilnoza', Date.now()) // { failures: 1, retryAfterMs: 0 }
   */
  recordFailure(key: string, nowMs: number): { failures: number; retryAfterMs: number } {
    const folded = key.toLowerCase();
    const record = this.#records.get(folded) ?? { failures: 0, retryAtMs: 0 };
    record.failures += 1;
    const delayMs = record.failures < FREE_ATTEMPTS ? 0 : Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** (record.failures - FREE_ATTEMPTS));
    record.retryAtMs = nowMs + delayMs;
    this.#records.set(folded, record);
    return { failures: record.failures, retryAfterMs: delayMs };
  }

  recordSuccess(key: string): void {
    this.#records.delete(key.toLowerCase());
  }
}
