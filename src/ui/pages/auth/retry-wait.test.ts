import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/api/errors';
import { formatWait, retryAfterMsOf } from './retry-wait';

describe('the wait before the next sign-in try', () => {
  it('reads retryAfterMs from the core’s answer, and nothing else', () => {
    expect(retryAfterMsOf(new AppError('TOO_MANY_ATTEMPTS', { retryAfterMs: 4000 }))).toBe(4000);
    expect(retryAfterMsOf(new AppError('WRONG_PASSWORD', { retryAfterMs: 1000 }))).toBe(1000);
    expect(retryAfterMsOf(new AppError('WRONG_PASSWORD'))).toBe(0);
    expect(retryAfterMsOf(new AppError('TOO_MANY_ATTEMPTS', { retryAfterMs: 'soon' }))).toBe(0);
    expect(retryAfterMsOf(new Error('x'))).toBe(0);
    expect(retryAfterMsOf(null)).toBe(0);
  });

  it('shows minutes and seconds, rounded up', () => {
    expect(formatWait(1000)).toBe('0:01');
    expect(formatWait(1)).toBe('0:01');
    expect(formatWait(61_200)).toBe('1:02');
    expect(formatWait(15 * 60_000)).toBe('15:00');
    expect(formatWait(-5)).toBe('0:00');
  });
});
