import { Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../api/api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { notifyDone } from '../../../components/notify';
import { FormDrawer } from '../../clients/FormDrawer';
import { todayLocal } from '../../clients/client-format';
import { intakeFormValues } from './intake-form';
import { IntakeForm } from './IntakeForm';
import { IntakeView } from './IntakeView';

/** The survivor intake assessment (rehabilitation centers): the latest one, and a new one on demand. */
export function IntakeSection({ clientId }: { readonly clientId: string }) {
  const { t } = useTranslation();
  const latest = useApiQuery('counseling.getIntake', { clientId });
  const intake = latest.data?.intake ?? null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="intake-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id="intake-title">
            {t('clinical:intake.title')}
          </Title>
          {latest.isSuccess && (
            <FormDrawer label={intake ? t('clinical:intake.revise') : t('clinical:intake.record')} title={t('clinical:intake.formTitle')} size="xl">
              {(close) => (
                <IntakeForm
                  clientId={clientId}
                  initial={intakeFormValues(todayLocal(), intake?.content ?? null)}
                  onDone={() => {
                    notifyDone(t('clinical:intake.saved'), t('common:actions.close'));
                    close();
                  }}
                />
              )}
            </FormDrawer>
          )}
        </Group>
        {latest.isPending && <Loader size="sm" aria-label={t('common:loading')} />}
        <ErrorAlert error={latest.error} focus={false} />
        {latest.isSuccess && (intake ? <IntakeView intake={intake} count={latest.data.count} /> : <Text c="dimmed">{t('clinical:intake.none')}</Text>)}
      </Stack>
    </Paper>
  );
}
