import { Anchor, Button, Group, Modal, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CANCEL_REASONS, type Appointment, type CancelReason } from '../../../core/appointments/appointments.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifyDone } from '../../components/notify';
import { useSession } from '../../session/session';
import { formatDay, formatTime } from '../clients/client-format';
import { localDayAndTime } from './appointment-time';
import { useReaderNames } from '../../components/reader-names';

/**
 * One appointment: who, when, its status; and what may be done with it now. Attended and no-show
 * once it has started (the core refuses earlier, and the dialog says so instead of offering them),
 * by the psychologist or a supervisor; cancelling with a coded reason while it is scheduled.
 */
export function AppointmentDialog({ appointment, now, onClose }: { readonly appointment: Appointment; readonly now: Date; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const names = useReaderNames();
  const session = useSession();
  const [isCancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState<CancelReason>('clientRequest');
  const done = () => {
    notifyDone(t('appointments:details.recorded'), t('common:actions.close'));
    onClose();
  };
  const attended = useApiMutation('appointments.markAttended', { onSuccess: done });
  const noShow = useApiMutation('appointments.markNoShow', { onSuccess: done });
  const cancel = useApiMutation('appointments.cancel', { onSuccess: done });
  const isScheduled = appointment.status === 'scheduled';
  const hasStarted = Date.parse(appointment.startsAt) <= now.getTime();
  const canRecordOutcome = session.can('appointments.recordOutcome') && (session.user?.role === 'supervisor' || session.user?.id === appointment.psychologistId);
  const ref = { id: appointment.id, expectedVersion: appointment.version };
  const error = attended.error ?? noShow.error ?? cancel.error;
  return (
    <Modal opened onClose={onClose} title={t('appointments:details.title')} centered closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
      <Stack>
        <Table variant="vertical" withTableBorder>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row">{t('appointments:client')}</Table.Th>
              <Table.Td>
                <Anchor component={Link} to={`/clients/${encodeURIComponent(appointment.clientId)}`}>
                  {names.name(appointment.clientName)}
                </Anchor>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('appointments:psychologist')}</Table.Th>
              <Table.Td>{appointment.psychologistName}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('appointments:details.when')}</Table.Th>
              <Table.Td>{`${formatDay(localDayAndTime(new Date(appointment.startsAt)).day)}, ${formatTime(appointment.startsAt)}–${formatTime(appointment.endsAt)}`}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('appointments:kind')}</Table.Th>
              <Table.Td>{`${t(`counseling:kind.${appointment.kind}`)}, ${t(`counseling:form.${appointment.form}`)}`}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('appointments:details.statusLabel')}</Table.Th>
              <Table.Td>
                {t(`appointments:status.${appointment.status}`)}
                {appointment.cancelReason !== null && ` (${t(`appointments:cancelReason.${appointment.cancelReason}`)})`}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        {isScheduled && canRecordOutcome && !hasStarted && <Text size="sm">{t('appointments:details.outcomeLater')}</Text>}
        {isScheduled && canRecordOutcome && hasStarted && (
          <Group>
            <Button color="teal" loading={attended.isPending} onClick={() => attended.mutate({ ...ref, sessionId: null })}>
              {t('appointments:details.markAttended')}
            </Button>
            <Button color="red" loading={noShow.isPending} onClick={() => noShow.mutate(ref)}>
              {t('appointments:details.markNoShow')}
            </Button>
          </Group>
        )}
        {isScheduled && session.can('appointments.book') && !isCancelling && (
          <Button variant="default" style={{ alignSelf: 'flex-start' }} onClick={() => setCancelling(true)}>
            {t('appointments:details.cancel')}
          </Button>
        )}
        {isScheduled && isCancelling && (
          <Group align="flex-end">
            <NativeSelect
              label={t('appointments:details.cancelReasonLabel')}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value as CancelReason)}
              data={CANCEL_REASONS.map((code) => ({ value: code, label: t(`appointments:cancelReason.${code}`) }))}
            />
            <Button color="red" loading={cancel.isPending} onClick={() => cancel.mutate({ ...ref, reason })}>
              {t('appointments:details.confirmCancel')}
            </Button>
          </Group>
        )}
        <ErrorAlert error={error} />
        <Button variant="default" style={{ alignSelf: 'flex-end' }} onClick={onClose}>
          {t('appointments:details.close')}
        </Button>
      </Stack>
    </Modal>
  );
}

