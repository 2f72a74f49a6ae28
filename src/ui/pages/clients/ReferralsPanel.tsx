import { Button, NativeSelect, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { FormDrawer } from './FormDrawer';
import { useTranslation } from 'react-i18next';
import { createReferralInput, REFERRAL_DIRECTIONS } from '../../../core/services/services.schema';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { alertError, clientFieldError } from './client-form';
import { DateField } from '../../forms/DateField';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import { useSession } from '../../session/session';
import { formatDay, todayLocal } from './client-format';

function ReferralForm({ clientId, onDone }: { readonly clientId: string; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const defaults = { clientId, direction: 'out', agency: '', reason: '', date: todayLocal() } as const;
  const form = useZodForm(createReferralInput, { defaultValues: defaults });
  const create = useApiMutation('services.createReferral', {
    onSuccess: () => {
      form.reset(defaults);
      onDone();
    },
    onError: (error) => applyServerIssues(form, error),
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={form.handleSubmit((input) => create.mutate(input))} noValidate aria-label={t('care:referrals.create')}>
      <Stack gap="sm">
        <NativeSelect
          label={t('care:referrals.directionLabel')}
          {...form.register('direction')}
          data={REFERRAL_DIRECTIONS.map((direction) => ({ value: direction, label: t(`care:referrals.direction.${direction}`) }))}
        />
        <TextInput label={t('care:referrals.agency')} {...form.register('agency')} error={clientFieldError(t, errors.agency, 'care')} autoComplete="off" />
        <DateField control={form.control} name="date" label={t('care:referrals.date')} maxDate={todayLocal()} error={clientFieldError(t, errors.date, 'care')} />
      <TextInput label={t('care:referrals.reason')} {...form.register('reason')} error={clientFieldError(t, errors.reason, 'care')} autoComplete="off" />
      {/* Without referral consent the core refuses (CONSENT_REQUIRED): shown here, localized. */}
      <ErrorAlert error={alertError(create.error, ['direction', 'agency', 'reason', 'date'])} />
      <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
        {t('care:referrals.create')}
      </Button>
      </Stack>
    </form>
  );
}

/** Referrals to and from other agencies; making one needs the client's referral consent. */
export function ReferralsPanel({ clientId }: { readonly clientId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const referrals = useApiQuery('services.listReferrals', { clientId });
  const items = referrals.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="referrals-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id="referrals-title">
            {t('care:referrals.title')}
          </Title>
          {session.can('services.write') && <FormDrawer label={t('care:referrals.create')}>{(done) => <ReferralForm clientId={clientId} onDone={done} />}</FormDrawer>}
        </Group>
        <ErrorAlert error={referrals.error} />
        {referrals.isSuccess && items.length === 0 && <Text c="dimmed">{t('care:referrals.empty')}</Text>}
        {items.length > 0 && (
          <Table aria-labelledby="referrals-title">
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>{formatDay(item.date)}</Table.Td>
                  <Table.Td>{t(`care:referrals.direction.${item.direction}`)}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{item.agency}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{item.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
