import { Alert, Code, Divider, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../core/counseling/session-records.service';
import { useSession } from '../../session/session';
import { formatInstant, sessionStatusLabel } from './counseling-format';
import { AddendumForm, CountersignButton, VoidForm } from './SessionActions';

function Fact({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

/** A signature block: who, when, and the hash the content is checked against. */
function Signature({ title, by, at, hash, isValid }: { readonly title: string; readonly by: string; readonly at: string; readonly hash: string | null; readonly isValid: boolean | null }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xs">
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <Text size="sm">{t('counselingSessions:sign.byAt', { name: by, time: formatInstant(at) })}</Text>
      {hash !== null && (
        <Text size="xs">
          {t('counselingSessions:sign.hash')} <Code style={{ overflowWrap: 'anywhere' }}>{hash}</Code>
        </Text>
      )}
      {isValid !== null && (
        <Text size="sm" c={isValid ? 'teal.9' : 'red.9'} fw={600} data-signature-valid={String(isValid)}>
          {t(isValid ? 'counselingSessions:sign.valid' : 'counselingSessions:sign.invalid')}
        </Text>
      )}
    </Paper>
  );
}

/**
 * A session for reading: its facts, the note, the signature (signer, time, hash, whether the
 * content still matches), the countersignature, a void and its reason, and the addenda. No edit
 * controls: once signed, corrections are addenda.
 */
export function SessionDetails({ session: view, onVoided }: { readonly session: SessionView; readonly onVoided: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const name = (id: string | null) => (id === null ? '' : (view.staffNames[id] ?? t('care:timeline.unknownStaff')));
  const isAuthorOrSupervisor = me.user?.id === view.psychologistId || me.can('counseling.supervise');
  const status = sessionStatusLabel(t, { status: view.status, isCountersigned: view.countersignedAt !== null });
  return (
    <Stack gap="sm" aria-label={t('counselingSessions:view.title')} role="region">
      {view.access === 'emergency' && <Alert color="orange">{t('counselingSessions:view.viaEmergency')}</Alert>}
      {view.status === 'voided' && (
        <Alert color="red" title={t('counselingSessions:void.voidedTitle')}>
          {t('counselingSessions:void.voidedBy', { name: name(view.voidedBy), time: formatInstant(view.voidedAt ?? view.updatedAt) })}
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {t('counselingSessions:void.reasonShown', { reason: view.voidReason ?? '' })}
          </Text>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Fact label={t('counselingSessions:field.startedAt')}>{formatInstant(view.startedAt)}</Fact>
        <Fact label={t('counselingSessions:field.psychologist')}>{name(view.psychologistId)}</Fact>
        <Fact label={t('counselingSessions:field.status')}>{status}</Fact>
        <Fact label={t('counselingSessions:field.kind')}>{t(`counseling:kind.${view.kind}`)}</Fact>
        <Fact label={t('counselingSessions:field.form')}>{t(`counseling:form.${view.form}`)}</Fact>
        <Fact label={t('counselingSessions:field.duration')}>{t('counselingSessions:minutes', { count: view.durationMinutes })}</Fact>
        <Fact label={t('counselingSessions:field.riskLevel')}>{view.riskLevel === null ? t('counselingSessions:riskNotRated') : t(`counseling:riskLevel.${view.riskLevel}`)}</Fact>
        <Fact label={t('counselingSessions:field.sensitivity')}>{t(`counseling:sensitivity.${view.sensitivity}`)}</Fact>
      </SimpleGrid>
      <Fact label={t('counselingSessions:field.concerns')}>{view.concerns.map((code) => t(`counseling:concern.${code}`)).join(', ') || '—'}</Fact>
      <Fact label={t('counselingSessions:field.interventions')}>{view.interventions.map((code) => t(`counseling:intervention.${code}`)).join(', ') || '—'}</Fact>
      <Title order={4} size="h5">
        {t('counselingSessions:field.note')}
      </Title>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-session-note>
        {view.note === '' ? '—' : view.note}
      </Text>
      {view.progress !== '' && <Fact label={t('counselingSessions:field.progress')}>{view.progress}</Fact>}
      {view.nextAppointmentAt !== null && <Fact label={t('counselingSessions:field.next')}>{formatInstant(view.nextAppointmentAt)}</Fact>}
      {view.signedAt !== null && view.signedBy !== null && (
        <Signature title={t('counselingSessions:sign.signedTitle')} by={name(view.signedBy)} at={view.signedAt} hash={view.signatureHash} isValid={view.signatureValid} />
      )}
      {view.countersignedAt !== null && <Signature title={t('counselingSessions:countersign.title')} by={name(view.countersignedBy)} at={view.countersignedAt} hash={null} isValid={null} />}
      {view.status === 'draft' && <Text c="dimmed">{t('counselingSessions:view.draftOfOther')}</Text>}
      {view.status === 'signed' && view.countersignedAt === null && me.can('counseling.supervise') && view.psychologistId !== me.user?.id && <CountersignButton session={view} />}
      <Divider />
      <Title order={4} size="h5" id="addenda-title">
        {t('counselingSessions:addendum.title')}
      </Title>
      {view.addenda.length === 0 && <Text size="sm" c="dimmed">{t('counselingSessions:addendum.none')}</Text>}
      {view.addenda.map((addendum) => (
        <Paper key={addendum.id} withBorder p="xs" role="article" aria-label={t('counselingSessions:addendum.byAt', { name: addendum.authorName, time: formatInstant(addendum.createdAt) })}>
          <Text size="xs" c="dimmed">
            {t('counselingSessions:addendum.byAt', { name: addendum.authorName, time: formatInstant(addendum.createdAt) })}
            {!addendum.signatureValid && ` · ${t('counselingSessions:sign.invalid')}`}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {addendum.text}
          </Text>
        </Paper>
      ))}
      {view.status === 'signed' && isAuthorOrSupervisor && <AddendumForm sessionId={view.id} />}
      {view.status !== 'voided' && isAuthorOrSupervisor && <VoidForm sessionId={view.id} onVoided={onVoided} />}
    </Stack>
  );
}
