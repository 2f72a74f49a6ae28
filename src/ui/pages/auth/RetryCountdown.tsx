import { Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatWait, retryAfterMsOf } from './retry-wait';

/**
 * The milliseconds left of the wait the core asked for with `error` (its `retryAfterMs`),
 * ticking down four times a second; 0 when there is nothing to wait for.
 *
 * @example const waitMs = useRetryWait(signIn.error); <Button disabled={waitMs > 0}>
 */
export function useRetryWait(error: unknown): number {
  const [remaining, setRemaining] = useState<{ readonly error: unknown; readonly ms: number }>({ error: null, ms: 0 });
  useEffect(() => {
    const waitMs = retryAfterMsOf(error);
    const until = Date.now() + waitMs;
    const tick = () => setRemaining({ error, ms: Math.max(0, until - Date.now()) });
    const first = setTimeout(tick, 0);
    const timer = waitMs > 0 ? setInterval(tick, 250) : undefined;
    return () => {
      clearTimeout(first);
      if (timer !== undefined) clearInterval(timer);
    };
  }, [error]);
  // Until the first tick of a new error, its whole wait is left.
  return remaining.error === error ? remaining.ms : retryAfterMsOf(error);
}

/**
 * How long until the next sign-in try, in the user's language, counting down.
 *
 * @example <RetryCountdown remainingMs={waitMs} />
 */
export function RetryCountdown({ remainingMs }: { readonly remainingMs: number }) {
  const { t } = useTranslation();
  if (remainingMs <= 0) return null;
  return (
    <Text role="timer" size="sm" c="orange.9">
      {t('auth:throttle.wait', { time: formatWait(remainingMs) })}
    </Text>
  );
}
