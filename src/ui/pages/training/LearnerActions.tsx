import { Button, Group, Menu, Modal, NativeSelect, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WITHDRAWAL_REASONS, type Enrollment, type WithdrawalReason } from '../../../core/training/training.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifyDone } from '../../components/notify';
import { useReaderNames } from '../../components/reader-names';

/** Where a learner can go from here by hand: confirm an application, take a place from the waiting list, withdraw (with a reason). */
export function LearnerActions({ enrollment }: { readonly enrollment: Enrollment }) {
  const { t } = useTranslation();
  const names = useReaderNames();
  const [isWithdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState<WithdrawalReason>('other');
  const change = useApiMutation('training.changeStage', {
    onSuccess: (result) => {
      setWithdrawing(false);
      const offer = result.offerPlaceTo;
      notifyDone(
        offer === null ? t(`training:learners.stageChanged.${result.enrollment.stage}`, { defaultValue: t('training:learners.stageSaved') }) : t('training:learners.placeFreed', { name: names.name(offer.learnerName) }),
        t('common:actions.close'),
      );
    },
  });
  const canEnroll = enrollment.stage === 'applied' || enrollment.stage === 'waitlisted';
  const canWithdraw = ['applied', 'waitlisted', 'enrolled', 'active'].includes(enrollment.stage);
  if (!canEnroll && !canWithdraw) return null;
  const move = (stage: 'enrolled' | 'waitlisted') => change.mutate({ enrollmentId: enrollment.id, stage, expectedVersion: enrollment.version });
  return (
    <>
      <Menu>
        <Menu.Target>
          <Button size="xs" variant="default" aria-label={t('training:learners.actionsFor', { name: names.name(enrollment.learnerName) })}>
            {t('training:learners.actions')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {canEnroll && <Menu.Item onClick={() => move('enrolled')}>{t('training:learners.toEnrolled')}</Menu.Item>}
          {enrollment.stage === 'applied' && <Menu.Item onClick={() => move('waitlisted')}>{t('training:learners.toWaitlist')}</Menu.Item>}
          {canWithdraw && (
            <Menu.Item color="red" onClick={() => setWithdrawing(true)}>
              {t('training:learners.withdraw')}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <ErrorAlert error={change.isPending ? null : isWithdrawing ? null : change.error} />
      <Modal opened={isWithdrawing} onClose={() => setWithdrawing(false)} title={t('training:learners.withdrawTitle', { name: names.name(enrollment.learnerName) })} closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
        <Stack gap="sm">
          <NativeSelect
            label={t('training:learners.withdrawReason')}
            data-autofocus
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value as WithdrawalReason)}
            data={WITHDRAWAL_REASONS.map((code) => ({ value: code, label: t(`training:withdrawalReasons.${code}`) }))}
          />
          <ErrorAlert error={change.error} />
          <Group gap="xs">
            <Button color="red" loading={change.isPending} onClick={() => change.mutate({ enrollmentId: enrollment.id, stage: 'withdrawn', reason, expectedVersion: enrollment.version })}>
              {t('training:learners.withdrawConfirm')}
            </Button>
            <Button variant="default" onClick={() => setWithdrawing(false)}>
              {t('common:actions.cancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
