import { Alert, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/session';
import { FormDrawer } from '../clients/FormDrawer';
import { BreakGlassForm } from './BreakGlassForm';
import { CounselingClinicalSlot } from './CounselingClinicalSlot';
import { formatInstant } from './counseling-format';
import { OccurrencesTable, SessionsTable } from './SessionsTable';
import { SessionDrawer } from './SessionDrawer';
import { SessionEditor } from './SessionEditor';
import { VerifySignatures } from './VerifySignatures';

/**
 * The client's counseling tab. Everyone sees that sessions took place (date, psychologist); a
 * psychologist with access and supervisors see each session's kind, form, duration, status and
 * risk, open it, record new ones, and the clinical panels. A psychologist not assigned to the
 * client is told so and may open it in an emergency after giving a reason. The core decides all
 * of it again on every call.
 */
export function CounselingTab({ clientId }: { readonly clientId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const list = useApiQuery('counseling.listForClient', { clientId });
  const [openId, setOpenId] = useState<string | null>(null);
  const data = list.data;
  const mayReadRole = session.can('counseling.read');
  const access = data?.access ?? null;
  const readable = data?.items.filter((item) => item.isReadable) ?? [];
  const others = data?.items.filter((item) => !item.isReadable) ?? [];
  const canRecord = session.can('counseling.write') && access !== null;
  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-labelledby="counseling-sessions-title">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={3} size="h4" id="counseling-sessions-title">
              {t('counselingSessions:title')}
            </Title>
            <Group gap="xs">
              {session.can('counseling.supervise') && data?.holdsKey === true && <VerifySignatures />}
              {canRecord && (
                <FormDrawer label={t('counselingSessions:record.open')} title={t('counselingSessions:record.title')} size="xl" asksBeforeLeaving={false}>
                  {(close) => <SessionEditor clientId={clientId} onSigned={close} />}
                </FormDrawer>
              )}
            </Group>
          </Group>
          <ErrorAlert error={list.error} />
          {data !== undefined && !mayReadRole && <Text c="dimmed">{t('counselingSessions:occurrencesOnly')}</Text>}
          {data !== undefined && mayReadRole && !data.holdsKey && (
            <Alert color="yellow" title={t('counselingSessions:noKey.title')}>
              {t('counselingSessions:noKey.text')}
            </Alert>
          )}
          {data !== undefined && mayReadRole && data.holdsKey && access === null && session.can('counseling.breakGlass') && (
            <Alert color="yellow" title={t('counselingSessions:notAssigned.title')} role="status">
              <Stack gap="xs">
                <Text size="sm">{t('counselingSessions:notAssigned.text')}</Text>
                <FormDrawer label={t('counselingSessions:breakGlass.open')} title={t('counselingSessions:breakGlass.title')} buttonProps={{ color: 'red', variant: 'light', style: { alignSelf: 'flex-start' } }}>
                  {(close) => <BreakGlassForm clientId={clientId} onDone={close} />}
                </FormDrawer>
              </Stack>
            </Alert>
          )}
          {access?.via === 'emergency' && (
            <Alert color="orange" title={t('counselingSessions:breakGlass.activeTitle')} role="status">
              {t('counselingSessions:breakGlass.activeUntil', { until: formatInstant(access.expiresAt) })}
            </Alert>
          )}
          {data !== undefined && data.items.length === 0 && <Text c="dimmed">{t('counselingSessions:empty')}</Text>}
          {readable.length > 0 && <SessionsTable items={readable} onOpen={setOpenId} />}
          {others.length > 0 && <OccurrencesTable items={others} withTitle={readable.length > 0} />}
        </Stack>
      </Paper>
      {access !== null && <CounselingClinicalSlot clientId={clientId} />}
      <SessionDrawer clientId={clientId} sessionId={openId} onClose={() => setOpenId(null)} />
    </Stack>
  );
}
