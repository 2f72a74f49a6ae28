import { Alert, Button, Group, Loader, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { OutputOf } from '../../../../core/client';
import { isFullClientRecord } from '../../../../core/clients/clients.policy';
import type { ClientRecord } from '../../../../core/clients/clients.schema';
import { useApiQuery } from '../../../api/api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { currentLanguage } from '../../../i18n/i18n';
import { LANGUAGE_AUTONYMS } from '../../../i18n/languages';
import { defaultPrintLanguage, PRINT_LANGUAGES, type PrintLanguage } from './print-language';

/** The whole record: the printouts are reception's (clients.write, consents.write), whose view is all of it. */
export type PrintedClient = ClientRecord;
export type PrintedCenter = OutputOf<'center.get'>;

/**
 * The frame of a client's printout: what it is for, the language it prints in (the client's, by
 * default), Print and Back. Only the sheet the page renders (`.print-area`) reaches the paper.
 */
export function PrintScreen({
  titleKey,
  introKey,
  sheet,
}: {
  readonly titleKey: string;
  readonly introKey: string;
  readonly sheet: (input: { readonly language: PrintLanguage; readonly client: PrintedClient; readonly center: PrintedCenter }) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const { clientId = '' } = useParams();
  const client = useApiQuery('clients.get', { id: clientId });
  const center = useApiQuery('center.get', {});
  const [chosen, setChosen] = useState<PrintLanguage | null>(null);
  const error = client.error ?? center.error;

  if (error) return <ErrorAlert error={error} />;
  if (!client.data || !center.data) return <Loader size="sm" aria-label={t('common:loading')} />;
  const record = client.data;
  // A narrower view (a role the route should not have let in) prints nothing rather than blanks.
  if (!isFullClientRecord(record)) return <Alert color="yellow">{t('errors:FORBIDDEN')}</Alert>;
  const language = chosen ?? defaultPrintLanguage(record.languages, currentLanguage(i18n));

  return (
    <Stack maw={820}>
      <Title order={2}>{t(titleKey)}</Title>
      <Text size="sm">{t(introKey)}</Text>
      <Group align="flex-end">
        <NativeSelect
          label={t('consentForm:screen.language')}
          value={language}
          onChange={(event) => setChosen(event.currentTarget.value as PrintLanguage)}
          data={PRINT_LANGUAGES.map((value) => ({ value, label: LANGUAGE_AUTONYMS[value] }))}
        />
        <Button onClick={() => window.print()}>{t('consentForm:screen.print')}</Button>
        <Button component={Link} to={`/clients/${encodeURIComponent(clientId)}`} variant="default">
          {t('consentForm:screen.back')}
        </Button>
      </Group>
      {record.status === 'merged' && <Alert color="yellow">{t('consentForm:screen.merged')}</Alert>}
      {sheet({ language, client: record, center: center.data })}
    </Stack>
  );
}
