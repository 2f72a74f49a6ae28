import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../crypto/atomic-file';

/**
 * The sign-in throttle. Every password or recovery-code check is reserved here *before* the key
 * derivation starts, and the reservation already counts as a failure on disk: a flood of
 * concurrent guesses, or killing the core in the middle of one, gains the guesser nothing.
 *
 * - At most one derivation per username at a time, and at most `maxConcurrent` (2) in all: the
 *   rest are answered TOO_MANY_ATTEMPTS at once, without deriving.
 * - The first FREE_ATTEMPTS failures cost nothing extra; from then on each try waits twice as
 *   long as the last (1 s, 2 s, 4 s, … up to 15 minutes). There is no permanent lockout: the
 *   real user signs in after the wait.
 * - Counts live in `sign-in-attempts.json` beside the database (written atomically), so a restart
 *   does not reset them. The file holds lowercased usernames and counts, no secret.
 *
 * Why the file carries no MAC: before anyone signs in the core holds no secret that could key
 * one, and whoever can rewrite the data folder can as well copy the keyring and guess offline at
 * full speed; the throttle is there against guessing through the running app, where it holds.
 */
export const FREE_ATTEMPTS = 5;
export const MAX_RETRY_DELAY_MS = 15 * 60_000;
/** What a try refused because another check for the same name (or too many in all) is running waits. */
export const BUSY_RETRY_MS = 1000;
export const DEFAULT_MAX_CONCURRENT_CHECKS = 2;
/** Oldest entries beyond this many are forgotten (unknown usernames must not grow the file without end). */
const MAX_ENTRIES = 1000;
export const ATTEMPTS_FILE = 'sign-in-attempts.json';

const attemptsFileSchema = z.object({
  v: z.literal(1),
  entries: z.record(z.string().max(200), z.object({ failures: z.number().int().min(0), retryAtMs: z.number(), lastAtMs: z.number() })),
});

interface AttemptRecord {
  failures: number;
  retryAtMs: number;
  lastAtMs: number;
}

/** Why a try was refused before deriving: wait `retryAfterMs`. */
export class ThrottledError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`sign-in throttled for ${retryAfterMs} ms`);
    this.name = 'ThrottledError';
  }
}

/** One reserved check. Exactly one of `fail`, `succeed` or `cancel` ends it. */
export interface AttemptTicket {
  /** The check failed: the reserved failure stays; returns the count and the wait it imposes. */
  fail(): { failures: number; retryAfterMs: number };
  /** The secret was right: the name's count is cleared. */
  succeed(): void;
  /** Nothing was checked after all (the check threw for another reason): the reservation is undone. */
  cancel(): void;
}

function delayAfter(failures: number): number {
  return failures < FREE_ATTEMPTS ? 0 : Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** (failures - FREE_ATTEMPTS));
}

export interface SignInThrottleOptions {
  /** The data folder (the file lives there); null keeps counts in memory only (unit tests of this class). */
  readonly dataDir: string | null;
  readonly maxConcurrent?: number;
  /** Told when the attempts file could not be read (then counting starts afresh). */
  readonly onUnreadableFile?: () => void;
}

export class SignInThrottle {
  readonly #records = new Map<string, AttemptRecord>();
  readonly #inFlight = new Set<string>();
  readonly #file: string | null;
  readonly #maxConcurrent: number;

  constructor(options: SignInThrottleOptions) {
    this.#file = options.dataDir === null ? null : join(options.dataDir, ATTEMPTS_FILE);
    this.#maxConcurrent = options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT_CHECKS;
    this.#load(options.onUnreadableFile);
  }

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  retryAfterMs(key: string, nowMs: number): number {
    const record = this.#records.get(key.toLowerCase());
    return record ? Math.max(0, record.retryAtMs - nowMs) : 0;
  }

  /** How many checks are deriving right now (tests and diagnostics). */
  get inFlightCount(): number {
    return this.#inFlight.size;
  }

  /**
   * Reserves one check for `key` now, synchronously (no await between the test and the
   * reservation, so concurrent calls cannot both pass). Throws ThrottledError when the name must
   * wait, when a check for it is already running, or when `maxConcurrent` checks run.
   *
   * @example const ticket = throttle.reserve('dilnoza', Date.now()); … ok ? ticket.succeed() : ticket.fail();
   */
  reserve(key: string, nowMs: number): AttemptTicket {
    const folded = key.toLowerCase();
    const waitMs = this.retryAfterMs(folded, nowMs);
    if (waitMs > 0) throw new ThrottledError(waitMs);
    if (this.#inFlight.has(folded) || this.#inFlight.size >= this.#maxConcurrent) throw new ThrottledError(BUSY_RETRY_MS);
    const before = this.#records.get(folded);
    const previous = before ? { ...before } : null;
    const failures = (before?.failures ?? 0) + 1;
    this.#records.set(folded, { failures, retryAtMs: nowMs + delayAfter(failures), lastAtMs: nowMs });
    this.#inFlight.add(folded);
    // Counted on disk before the derivation starts: a crash or kill mid-check still counts.
    this.#save();
    let isOpen = true;
    const close = () => {
      if (!isOpen) throw new Error('attempt ticket already closed');
      isOpen = false;
      this.#inFlight.delete(folded);
    };
    return {
      fail: () => {
        close();
        const record = this.#records.get(folded) ?? { failures, retryAtMs: 0, lastAtMs: nowMs };
        return { failures: record.failures, retryAfterMs: Math.max(0, record.retryAtMs - nowMs) };
      },
      succeed: () => {
        close();
        this.#records.delete(folded);
        this.#save();
      },
      cancel: () => {
        close();
        if (previous) this.#records.set(folded, previous);
        else this.#records.delete(folded);
        this.#save();
      },
    };
  }

  /** Clears a name's count (its password was just reset by someone entitled to). */
  clear(key: string): void {
    if (this.#records.delete(key.toLowerCase())) this.#save();
  }

  #load(onUnreadableFile: (() => void) | undefined): void {
    if (this.#file === null || !existsSync(this.#file)) return;
    let parsed: z.infer<typeof attemptsFileSchema>;
    try {
      parsed = attemptsFileSchema.parse(JSON.parse(readFileSync(this.#file, 'utf8')));
    } catch {
      onUnreadableFile?.();
      return;
    }
    for (const [key, record] of Object.entries(parsed.entries)) this.#records.set(key.toLowerCase(), { ...record });
  }

  #save(): void {
    if (this.#file === null) return;
    if (this.#records.size > MAX_ENTRIES) {
      const oldestFirst = [...this.#records.entries()].sort((a, b) => a[1].lastAtMs - b[1].lastAtMs);
      for (const [key] of oldestFirst.slice(0, this.#records.size - MAX_ENTRIES)) this.#records.delete(key);
    }
    const entries = Object.fromEntries(this.#records);
    writeFileAtomic(this.#file, JSON.stringify({ v: 1, entries }));
  }
}
