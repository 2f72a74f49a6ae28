import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CONSENT_PURPOSES, type ConsentState } from '../../../core/consents/consents.schema';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/session';
import { formatDay } from './client-format';
import { RecordConsentForm } from './RecordConsentForm';

const STATE_COLORS: Readonly<Record<ConsentState, string>> = { given: 'teal', refused: 'red', withdrawn: 'orange' };

export function ConsentBadge({ state }: { readonly state: ConsentState | null }) {
  const { t } = useTranslation();
  if (state === null) return <Badge color="gray" variant="outline">{t('care:consents.notAsked')}</Badge>;
  return (
    <Badge color={STATE_COLORS[state]} variant="light">
      {t(`care:consents.state.${state}`)}
    </Badge>
  );
}

/** Consent per purpose: the current state, the form to record a decision, and the history. */
export function ConsentsPanel({ clientId }: { readonly clientId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const consents = useApiQuery('consents.list', { clientId });
  const overview = consents.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="consents-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id="consents-title">
            {t('care:consents.title')}
          </Title>
          {session.can('consents.write') && (
            <Button component={Link} to={`/clients/${encodeURIComponent(clientId)}/consent-form`} variant="default" size="xs">
              {t('consentForm:screen.action')}
            </Button>
          )}
        </Group>
        <ErrorAlert error={consents.error} />
        {overview && (
          <Table aria-label={t('care:consents.current')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('care:consents.purposeLabel')}</Table.Th>
                <Table.Th>{t('care:consents.stateLabel')}</Table.Th>
                <Table.Th>{t('care:consents.decidedOn')}</Table.Th>
                <Table.Th>{t('care:consents.formReference')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {CONSENT_PURPOSES.map((purpose) => {
                const current = overview.current[purpose];
                return (
                  <Table.Tr key={purpose}>
                    <Table.Th scope="row">{t(`care:consents.purpose.${purpose}`)}</Table.Th>
                    <Table.Td>
                      <ConsentBadge state={current?.state ?? null} />
                    </Table.Td>
                    <Table.Td>{formatDay(current?.decidedOn ?? null)}</Table.Td>
                    <Table.Td>{current?.formReference ?? ''}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        {session.can('consents.write') && <RecordConsentForm clientId={clientId} />}
        {overview && overview.history.length > 0 && (
          <details>
            <summary>
              <Text component="span" size="sm">
                {t('care:consents.history', { count: overview.history.length })}
              </Text>
            </summary>
            <Table aria-label={t('care:consents.historyLabel')} mt="xs">
              <Table.Tbody>
                {overview.history.map((entry) => (
                  <Table.Tr key={entry.id}>
                    <Table.Td>{formatDay(entry.decidedOn)}</Table.Td>
                    <Table.Td>{t(`care:consents.purpose.${entry.purpose}`)}</Table.Td>
                    <Table.Td>
                      <ConsentBadge state={entry.state} />
                    </Table.Td>
                    <Table.Td>{entry.formReference ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </details>
        )}
      </Stack>
    </Paper>
  );
}
