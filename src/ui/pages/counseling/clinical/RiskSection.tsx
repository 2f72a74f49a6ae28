import { Alert, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../../core/client';
import { FormDrawer } from '../../clients/FormDrawer';
import { formatDay } from './clinical-format';
import { RiskAssessmentForm } from './RiskAssessmentForm';
import { RiskLevelBadge } from './RiskLevelBadge';
import { RiskTrend } from './RiskTrend';

type Recorded = OutputOf<'counseling.recordRiskAssessment'>;

/** What the core recorded last: the level and, when the client went on the supervisors' list, the review date. */
function RecordedNotice({ recorded }: { readonly recorded: Recorded }) {
  const { t } = useTranslation();
  return (
    <Alert color={recorded.safetyPlanReviewOn === null ? 'teal' : 'orange'} role="status" title={t('clinical:risk.recordedTitle')}>
      <Group gap="xs">
        <RiskLevelBadge level={recorded.level} />
        <Text size="sm">{t('clinical:risk.score', { score: recorded.score })}</Text>
      </Group>
      {recorded.safetyPlanReviewOn !== null && (
        <Text size="sm" mt="xs">
          {t('clinical:risk.onAttentionList', { day: formatDay(recorded.safetyPlanReviewOn) })}
        </Text>
      )}
    </Alert>
  );
}

/** The client's risk assessments over time, and a new one on demand. */
export function RiskSection({ clientId, trend, sessionId = null }: { readonly clientId: string; readonly trend: OutputOf<'counseling.riskTrend'>; readonly sessionId?: string | null }) {
  const { t } = useTranslation();
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="risk-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id="risk-title">
            {t('clinical:risk.title')}
          </Title>
          <FormDrawer label={t('clinical:risk.new')} title={t('clinical:risk.formTitle')} size="xl">
            {(close) => (
              <RiskAssessmentForm
                clientId={clientId}
                sessionId={sessionId}
                onDone={(result) => {
                  setRecorded(result);
                  close();
                }}
              />
            )}
          </FormDrawer>
        </Group>
        {recorded && <RecordedNotice recorded={recorded} />}
        <RiskTrend trend={trend} />
      </Stack>
    </Paper>
  );
}
