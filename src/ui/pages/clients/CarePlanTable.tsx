import { NativeSelect, Table, Text } from '@mantine/core';
import { WrappingBadge } from '../../components/WrappingBadge';
import { useTranslation } from 'react-i18next';
import { OPEN_PLAN_ITEM_STATUSES, PLAN_ITEM_STATUSES, type PlanItem, type PlanItemStatus } from '../../../core/cases/cases.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDay, todayLocal } from './client-format';
import { useServiceNames } from './service-names';

function isOverdue(item: PlanItem, today: string): boolean {
  return OPEN_PLAN_ITEM_STATUSES.includes(item.status) && item.dueDate < today;
}

/** The care plan: service, goal, due date and status; overdue items highlighted; status changed in place. */
export function CarePlanTable({ items, canWrite }: { readonly items: readonly PlanItem[]; readonly canWrite: boolean }) {
  const { t } = useTranslation();
  const services = useServiceNames();
  const today = todayLocal();
  const update = useApiMutation('cases.updatePlanItem');
  if (items.length === 0) return <Text c="dimmed">{t('care:plan.empty')}</Text>;
  return (
    <>
      <Table aria-labelledby="plan-title">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('care:plan.service')}</Table.Th>
            <Table.Th>{t('care:plan.goal')}</Table.Th>
            <Table.Th>{t('care:plan.dueDate')}</Table.Th>
            <Table.Th>{t('care:plan.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const overdue = isOverdue(item, today);
            return (
              <Table.Tr key={item.id} bg={overdue ? 'var(--mantine-color-red-light)' : undefined} data-overdue={overdue || undefined}>
                <Table.Td>{services.name(item.serviceCode)}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{item.goal}</Table.Td>
                <Table.Td>
                  {formatDay(item.dueDate)}{' '}
                  {overdue && (
                    <WrappingBadge color="red" size="sm">
                      {t('care:plan.overdue')}
                    </WrappingBadge>
                  )}
                </Table.Td>
                <Table.Td>
                  {canWrite ? (
                    <NativeSelect
                      aria-label={t('care:plan.statusOf', { goal: item.goal })}
                      value={item.status}
                      disabled={update.isPending}
                      onChange={(event) => update.mutate({ itemId: item.id, status: event.currentTarget.value as PlanItemStatus })}
                      data={PLAN_ITEM_STATUSES.map((status) => ({ value: status, label: t(`care:plan.statusLabel.${status}`) }))}
                    />
                  ) : (
                    t(`care:plan.statusLabel.${item.status}`)
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <ErrorAlert error={update.error} />
    </>
  );
}
