import { Loader, SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../api/api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { IntakeSection } from './IntakeSection';
import { RiskSection } from './RiskSection';
import { SafetyPlanSection } from './SafetyPlanSection';

/**
 * The clinical records of one client on the Counseling tab: risk assessments with their trend,
 * the safety plan, and at rehabilitation centers the survivor intake assessment. Shown only to a
 * reader the core lets in: a refusal (no assignment, no key) is one alert, not one per section.
 *
 * @example <CounselingClinicalPanel clientId={client.id} />
 */
export function CounselingClinicalPanel({ clientId, sessionId = null }: { readonly clientId: string; readonly sessionId?: string | null }) {
  const { t } = useTranslation();
  const trend = useApiQuery('counseling.riskTrend', { clientId });
  const center = useApiQuery('center.get', {});
  if (trend.isPending) return <Loader size="sm" aria-label={t('common:loading')} />;
  if (!trend.data) return <ErrorAlert error={trend.error} focus={false} />;
  const isRehabilitation = center.data?.type === 'rehabilitation';
  return (
    <Stack gap="md">
      {isRehabilitation && <IntakeSection clientId={clientId} />}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <RiskSection clientId={clientId} trend={trend.data} sessionId={sessionId} />
        <SafetyPlanSection clientId={clientId} />
      </SimpleGrid>
    </Stack>
  );
}
