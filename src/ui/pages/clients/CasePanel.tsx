import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { WrappingBadge } from '../../components/WrappingBadge';
import { FormDrawer } from './FormDrawer';
import { canEditPlan } from '../../../core/cases/cases.policy';
import { useTranslation } from 'react-i18next';
import type { CaseWithPlan } from '../../../core/cases/cases.schema';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/session';
import { AddPlanItemForm } from './AddPlanItemForm';
import { CarePlanTable } from './CarePlanTable';
import { CloseCaseForm } from './CloseCaseForm';
import { formatDay } from './client-format';
import { OpenCaseForm } from './OpenCaseForm';
import { ReassignCaseForm } from './ReassignCaseForm';
import { useCaseWorkers } from './case-workers';

/** `workerName`: from the case-worker list when the role may read it; otherwise only "you" or "another". */
function CaseSummary({ record, workerName }: { readonly record: CaseWithPlan; readonly workerName: string | null }) {
  const { t } = useTranslation();
  const session = useSession();
  const worker = workerName ?? (record.caseWorkerId === session.user?.id ? session.user.displayName : t('care:cases.otherWorker'));
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <Stack gap={0}>
        <Text size="xs" c="dimmed">{t('care:cases.openedOn')}</Text>
        <Text>{formatDay(record.openedOn)}</Text>
      </Stack>
      <Stack gap={0}>
        <Text size="xs" c="dimmed">{t('care:cases.priority')}</Text>
        <Text>{t(`care:cases.priorityLevel.${record.intake.priority}`)}</Text>
      </Stack>
      <Stack gap={0}>
        <Text size="xs" c="dimmed">{t('care:cases.caseWorker')}</Text>
        <Text>{worker}</Text>
      </Stack>
      <Stack gap={0}>
        <Text size="xs" c="dimmed">{t('care:cases.referralSource')}</Text>
        <Text>{t(`care:cases.source.${record.intake.referralSource}`)}</Text>
      </Stack>
      <Stack gap={0} style={{ gridColumn: 'span 2' }}>
        <Text size="xs" c="dimmed">{t('care:cases.needs')}</Text>
        <Text>{record.intake.needs.map((need) => t(`care:cases.need.${need}`)).join(', ')}</Text>
      </Stack>
      {record.intake.householdSituation !== '' && (
        <Stack gap={0} style={{ gridColumn: '1 / -1' }}>
          <Text size="xs" c="dimmed">{t('care:cases.household')}</Text>
          <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{record.intake.householdSituation}</Text>
        </Stack>
      )}
    </SimpleGrid>
  );
}

/**
 * The client's open case: intake and case worker beside the care plan on a wide screen; opening,
 * reassigning, adding to the plan and closing each in a drawer opened on demand. Earlier cases below.
 */
export function CasePanel({ clientId }: { readonly clientId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const cases = useApiQuery('cases.listForClient', { clientId });
  const items = cases.data?.items ?? [];
  const open = items.find((item) => item.status === 'open');
  const closed = items.filter((item) => item.status === 'closed');
  const canWrite = session.can('cases.write');
  // The same rule the core enforces: cases.write, or this case's own case worker.
  const canEditOpenPlan = open !== undefined && session.user !== null && canEditPlan({ userId: session.user.id, permissions: session.user.permissions }, open);
  const workers = useCaseWorkers(canWrite);
  const closedList = closed.map((item) => (
    <Text key={item.id} size="sm" c="dimmed">
      {t('care:cases.closedInfo', {
        opened: formatDay(item.openedOn),
        closed: formatDay(item.closedOn),
        reason: item.closeReason ? t(`care:cases.reason.${item.closeReason}`) : '',
      })}
    </Text>
  ));
  return (
    <SimpleGrid cols={{ base: 1, xl: open ? 2 : 1 }} spacing="md">
      <Paper withBorder p="md" component="section" aria-labelledby="case-title">
        <Stack gap="sm">
          <Group gap="sm" justify="space-between">
            <Group gap="sm">
              <Title order={3} size="h4" id="case-title">
                {t('care:cases.title')}
              </Title>
              {open && <WrappingBadge variant="light">{t('care:cases.status.open')}</WrappingBadge>}
            </Group>
            {open && canWrite && (
              <Group gap="xs">
                {workers.query.isSuccess && (
                  <FormDrawer label={t('care:cases.reassign')} title={t('care:cases.reassignTitle')} size="md" buttonProps={{ variant: 'default' }}>
                    {(done) => <ReassignCaseForm caseId={open.id} caseWorkerId={open.caseWorkerId} options={workers.options} onDone={done} />}
                  </FormDrawer>
                )}
                <FormDrawer label={t('care:cases.close')} title={t('care:cases.closeTitle')} size="md" buttonProps={{ variant: 'default', color: 'red' }}>
                  {(done) => <CloseCaseForm caseId={open.id} onDone={done} />}
                </FormDrawer>
              </Group>
            )}
          </Group>
          <ErrorAlert error={cases.error} />
          {cases.isSuccess && !open && !canWrite && <Text c="dimmed">{t('care:cases.none')}</Text>}
          {cases.isSuccess && !open && canWrite && (
            <Group>
              <Text c="dimmed">{t('care:cases.none')}</Text>
              <FormDrawer label={t('care:cases.open')} title={t('care:cases.openTitle')} buttonProps={{ variant: 'filled' }}>
                {(done) => <OpenCaseForm clientId={clientId} onDone={done} />}
              </FormDrawer>
            </Group>
          )}
          {open && <CaseSummary record={open} workerName={workers.labelOf(open.caseWorkerId)} />}
          {closedList}
        </Stack>
      </Paper>
      {open && (
        <Paper withBorder p="md" component="section" aria-labelledby="plan-title">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={3} size="h4" id="plan-title">
                {t('care:plan.title')}
              </Title>
              {canEditOpenPlan && <FormDrawer label={t('care:plan.add')}>{(done) => <AddPlanItemForm caseId={open.id} onDone={done} />}</FormDrawer>}
            </Group>
            <CarePlanTable items={open.plan} canWrite={canEditOpenPlan} />
          </Stack>
        </Paper>
      )}
    </SimpleGrid>
  );
}
