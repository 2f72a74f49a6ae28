import { Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CONSENT_PURPOSES, type ConsentState } from '../../../core/consents/consents.schema';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/session';
import { formatDay } from './client-format';
import { RecordConsentForm } from './RecordConsentForm';
import { FormDrawer } from './FormDrawer';
import { WrappingBadge } from '../../components/WrappingBadge';

const STATE_COLORS: Readonly<Record<ConsentState, string>> = { given: 'teal', refused: 'red', withdrawn: 'orange' };

export function ConsentBadge({ state }: { readonly state: ConsentState | null }) {
  const { t } = useTranslation();
  if (state === null)
    return (
      <WrappingBadge color="gray" variant="outline">
        {t('care:consents.notAsked')}
      </WrappingBadge>
    );
  return (
    <WrappingBadge color={STATE_COLORS[state]} variant="light">
      {t(`care:consents.state.${state}`)}
    </WrappingBadge>
  );
}

/** Consent per purpose: the current state and the history side by side on a wide screen; a decision is recorded in a drawer. */
export function ConsentsPanel({ clientId }: { readonly clientId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const consents = useApiQuery('consents.list', { clientId });
  const overview = consents.data;
  return (
    <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md">
      <Paper withBorder p="md" component="section" aria-labelledby="consents-title">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={3} size="h4" id="consents-title">
              {t('care:consents.title')}
            </Title>
            {session.can('consents.write') && (
              <Group gap="xs">
                <FormDrawer label={t('care:consents.record')}>{(close) => <RecordConsentForm clientId={clientId} onDone={close} />}</FormDrawer>
                <Button component={Link} to={`/clients/${encodeURIComponent(clientId)}/consent-form`} variant="default" size="sm">
                  {t('consentForm:screen.action')}
                </Button>
              </Group>
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
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{current?.formReference ?? ''}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Paper>
      {overview && (
        <Paper withBorder p="md" component="section" aria-labelledby="consents-history-title">
          <Stack gap="sm">
            <Title order={3} size="h4" id="consents-history-title">
              {t('care:consents.historyLabel')}
            </Title>
            {overview.history.length === 0 ? (
              <Text c="dimmed">{t('care:timeline.empty')}</Text>
            ) : (
              <Table aria-label={t('care:consents.historyLabel')}>
                <Table.Tbody>
                  {overview.history.map((entry) => (
                    <Table.Tr key={entry.id}>
                      <Table.Td>{formatDay(entry.decidedOn)}</Table.Td>
                      <Table.Td>{t(`care:consents.purpose.${entry.purpose}`)}</Table.Td>
                      <Table.Td>
                        <ConsentBadge state={entry.state} />
                      </Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{entry.formReference ?? ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Paper>
      )}
    </SimpleGrid>
  );
}
