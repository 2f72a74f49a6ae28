import { Button, Popover, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * A supervisor recomputes every signature in the center (`counseling.verify`) and is told the
 * result: how many were checked and which no longer match what was signed.
 */
export function VerifySignatures() {
  const { t } = useTranslation();
  const verify = useApiMutation('counseling.verify');
  const result = verify.data;
  return (
    <Popover opened={result !== undefined || verify.error !== null} onChange={(isOpen) => !isOpen && verify.reset()} position="bottom-end" width={360} trapFocus>
      <Popover.Target>
        <Button size="sm" variant="subtle" loading={verify.isPending} onClick={() => verify.mutate({})}>
          {t('counselingSessions:verify.action')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown role="status">
        <ErrorAlert error={verify.error} />
        {result !== undefined && (
          <>
            <Text size="sm" fw={600} c={result.ok ? 'teal.9' : 'red.9'}>
              {t(result.ok ? 'counselingSessions:verify.ok' : 'counselingSessions:verify.problems', { count: result.findings.length })}
            </Text>
            <Text size="sm">{t('counselingSessions:verify.checked', { sessions: result.sessionsChecked, addenda: result.addendaChecked })}</Text>
            {result.findings.map((finding) => (
              <Text key={`${finding.entityType}-${finding.id}`} size="xs" ff="monospace">
                {t(`counselingSessions:verify.finding.${finding.entityType}`)} {finding.id}: {t(`counselingSessions:verify.problem.${finding.problem}`)}
              </Text>
            ))}
          </>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
