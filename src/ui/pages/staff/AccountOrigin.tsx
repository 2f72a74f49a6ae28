import { Alert, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';

/** "When", as the center reads dates: the day, and the time to the minute. */
function when(iso: string, language: string): string {
  return new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * Who created the recipient's account and who last reset its password: whoever did could know a
 * password it had. Shown on both grant screens, so both people see it before the key is given.
 */
export function AccountOrigin({ userId }: { readonly userId: string }) {
  const { t, i18n } = useTranslation();
  const origin = useApiQuery('staff.accountOrigin', { userId });
  if (origin.isPending) return <Loader size="sm" aria-label={t('common:loading')} />;
  if (origin.error) return <ErrorAlert error={origin.error} />;
  const { created, lastReset } = origin.data;
  const unknown = t('staff:origin.unknownActor');
  return (
    <Alert color="gray" title={t('staff:origin.title')} role="note">
      {created && (
        <Text size="sm">{t('staff:origin.created', { name: created.actorDisplayName ?? unknown, when: when(created.at, i18n.language) })}</Text>
      )}
      <Text size="sm">
        {lastReset
          ? t('staff:origin.lastReset', { name: lastReset.actorDisplayName ?? t('staff:origin.recoveryCode'), when: when(lastReset.at, i18n.language) })
          : t('staff:origin.neverReset')}
      </Text>
    </Alert>
  );
}
