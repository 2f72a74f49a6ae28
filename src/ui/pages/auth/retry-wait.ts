import { AppError } from '../../../core/api/errors';

/**
 * How long the core said to wait before the next try (`details.retryAfterMs` of a
 * TOO_MANY_ATTEMPTS or WRONG_PASSWORD answer), or 0.
 *
 * @example retryAfterMsOf(new AppError('TOO_MANY_ATTEMPTS', { retryAfterMs: 4000 })) // 4000
 */
export function retryAfterMsOf(error: unknown): number {
  if (!(error instanceof AppError)) return 0;
  const value = error.details?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * A wait as the countdown shows it: `m:ss` (`0:05`, `14:59`), whole seconds rounded up so it
 * never shows 0:00 while the wait still runs.
 *
 * @example formatWait(61_200) // '1:02'
 */
export function formatWait(remainingMs: number): string {
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
