import { Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionOccurrence } from '../../../core/counseling/session-records.service';
import { WrappingBadge } from '../../components/WrappingBadge';
import { formatDay } from '../clients/client-format';
import { formatInstant, sessionStatusLabel, type ReadableEntry } from './counseling-format';

const STATUS_COLOR = { draft: 'gray', signed: 'blue', countersigned: 'teal', voided: 'red' } as const;
const RISK_COLOR = { low: 'green', medium: 'yellow', high: 'orange', severe: 'red' } as const;

/** The sessions the reader may open: metadata only (the note opens in the drawer, and that read is audited). */
export function SessionsTable({ items, onOpen }: { readonly items: readonly ReadableEntry[]; readonly onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <Table aria-labelledby="counseling-sessions-title" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('counselingSessions:field.startedAt')}</Table.Th>
          <Table.Th>{t('counselingSessions:field.psychologist')}</Table.Th>
          <Table.Th>{t('counselingSessions:field.kind')}</Table.Th>
          <Table.Th>{t('counselingSessions:field.form')}</Table.Th>
          <Table.Th>{t('counselingSessions:field.duration')}</Table.Th>
          <Table.Th>{t('counselingSessions:field.riskLevel')}</Table.Th>
          <Table.Th>{t('counselingSessions:field.status')}</Table.Th>
          <Table.Th>
            <VisuallyHidden>{t('counselingSessions:actions')}</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => {
          const status = item.status === 'signed' && item.isCountersigned ? 'countersigned' : item.status;
          const actionLabel = t(item.status === 'draft' ? 'counselingSessions:openDraft' : 'counselingSessions:open');
          return (
            <Table.Tr key={item.id}>
              <Table.Td>{formatInstant(item.startedAt)}</Table.Td>
              <Table.Td>{item.psychologistName}</Table.Td>
              <Table.Td>
                {t(`counseling:kind.${item.kind}`)}
                {item.sensitivity === 'restricted' && (
                  <Text size="xs" c="dimmed">
                    {t('counselingSessions:restrictedMark')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{t(`counseling:form.${item.form}`)}</Table.Td>
              <Table.Td>{t('counselingSessions:minutes', { count: item.durationMinutes })}</Table.Td>
              <Table.Td>
                {item.riskLevel === null ? (
                  <Text size="sm" c="dimmed">
                    {t('counselingSessions:riskNotRated')}
                  </Text>
                ) : (
                  <WrappingBadge color={RISK_COLOR[item.riskLevel]} variant="light">
                    {t(`counseling:riskLevel.${item.riskLevel}`)}
                  </WrappingBadge>
                )}
              </Table.Td>
              <Table.Td>
                <WrappingBadge color={STATUS_COLOR[status]} variant={status === 'voided' ? 'outline' : 'light'}>
                  {sessionStatusLabel(t, item)}
                </WrappingBadge>
                {item.addendumCount > 0 && (
                  <Text size="xs" c="dimmed">
                    {t('counselingSessions:addendumCount', { count: item.addendumCount })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Button size="xs" variant="light" onClick={() => onOpen(item.id)} aria-label={t('counselingSessions:openSession', { action: actionLabel, when: formatInstant(item.startedAt) })}>
                  {actionLabel}
                </Button>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** Sessions the reader may know only took place: the day and the psychologist. */
export function OccurrencesTable({ items, withTitle }: { readonly items: readonly SessionOccurrence[]; readonly withTitle: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {withTitle && (
        <Text size="sm" fw={600} id="counseling-occurrences-title">
          {t('counselingSessions:othersTitle')}
        </Text>
      )}
      <Table aria-labelledby={withTitle ? 'counseling-occurrences-title' : 'counseling-sessions-title'}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('counselingSessions:field.date')}</Table.Th>
            <Table.Th>{t('counselingSessions:field.psychologist')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item, index) => (
            <Table.Tr key={`${item.date}-${item.psychologistId}-${index}`}>
              <Table.Td>{formatDay(item.date)}</Table.Td>
              <Table.Td>{item.psychologistName}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
