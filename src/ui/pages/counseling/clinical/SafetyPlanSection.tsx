import { Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../api/api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { notifyDone } from '../../../components/notify';
import { FormDrawer } from '../../clients/FormDrawer';
import { safetyPlanFormValues } from './safety-plan-form';
import { SafetyPlanForm } from './SafetyPlanForm';
import { SafetyPlanView } from './SafetyPlanView';

/** The client's current safety plan and its revision on demand (a revision starts from the current plan). */
export function SafetyPlanSection({ clientId }: { readonly clientId: string }) {
  const { t } = useTranslation();
  const current = useApiQuery('counseling.getSafetyPlan', { clientId });
  const plan = current.data?.plan ?? null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="safety-plan-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id="safety-plan-title">
            {t('clinical:safetyPlan.title')}
          </Title>
          {current.isSuccess && (
            <FormDrawer label={plan ? t('clinical:safetyPlan.revise') : t('clinical:safetyPlan.make')} title={t('clinical:safetyPlan.formTitle')} size="xl">
              {(close) => (
                <SafetyPlanForm
                  clientId={clientId}
                  initial={safetyPlanFormValues(plan)}
                  onDone={() => {
                    notifyDone(t('clinical:safetyPlan.saved'), t('common:actions.close'));
                    close();
                  }}
                />
              )}
            </FormDrawer>
          )}
        </Group>
        {current.isPending && <Loader size="sm" aria-label={t('common:loading')} />}
        <ErrorAlert error={current.error} focus={false} />
        {current.isSuccess && (plan ? <SafetyPlanView plan={plan} revisions={current.data.revisions} /> : <Text c="dimmed">{t('clinical:safetyPlan.none')}</Text>)}
      </Stack>
    </Paper>
  );
}
