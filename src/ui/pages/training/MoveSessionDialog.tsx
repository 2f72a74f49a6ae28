import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clockTimeSchema, type TrainingSession } from '../../../core/training/training.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifyDone } from '../../components/notify';
import { DAY_FORMAT, parseDayText } from '../../forms/day-text';

/** Moves one session to another day or time; it keeps its number, and the cohort's end follows. */
export function MoveSessionDialog({ session, label, onClose }: { readonly session: TrainingSession; readonly label: string; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState<string | null>(session.date);
  const [time, setTime] = useState(session.startTime);
  const [timeError, setTimeError] = useState<string | null>(null);
  const move = useApiMutation('training.moveSession', {
    onSuccess: () => {
      notifyDone(t('training:sessions.moved'), t('common:actions.close'));
      onClose();
    },
  });
  const submit = () => {
    if (!clockTimeSchema.safeParse(time).success) return setTimeError(t('training:sessions.timeFormat'));
    setTimeError(null);
    if (date !== null) move.mutate({ sessionId: session.id, date, startTime: time });
  };
  return (
    <Modal opened onClose={onClose} title={t('training:sessions.moveTitle', { session: label })} closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
      <Stack gap="sm">
        <DateInput label={t('training:sessions.newDate')} valueFormat={DAY_FORMAT} placeholder="dd.mm.yyyy" dateParser={parseDayText} value={date} onChange={setDate} data-autofocus />
        <TextInput label={t('training:cohorts.startTime')} description="HH:MM" value={time} onChange={(event) => setTime(event.currentTarget.value)} error={timeError} />
        <ErrorAlert error={move.error} />
        <Group gap="xs">
          <Button loading={move.isPending} onClick={submit}>
            {t('training:sessions.moveConfirm')}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
