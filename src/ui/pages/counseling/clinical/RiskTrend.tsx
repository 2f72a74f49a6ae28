import { Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../../core/client';
import { currentLanguage } from '../../../i18n/i18n';
import { useApiQuery } from '../../../api/api';
import { formatInstant } from './clinical-format';
import { RiskLevelBadge } from './RiskLevelBadge';

type Trend = OutputOf<'counseling.riskTrend'>;

const DIRECTION_COLORS = { rising: 'red', falling: 'teal', steady: 'gray' } as const;

/** A client's risk assessments over time, newest first, with the direction of the last change. */
export function RiskTrend({ trend }: { readonly trend: Trend }) {
  const { t, i18n } = useTranslation();
  const instruments = useApiQuery('counseling.riskInstruments', {});
  const language = currentLanguage(i18n);
  // The instrument as people know it, with the version the assessment was scored with.
  const instrumentName = (id: string, version: number) => {
    const name = instruments.data?.items.find((instrument) => instrument.id === id)?.name[language] ?? id;
    return t('clinical:risk.instrumentVersion', { name, version });
  };
  if (trend.points.length === 0) return <Text c="dimmed">{t('clinical:risk.none')}</Text>;
  const newestFirst = [...trend.points].reverse();
  return (
    <>
      {trend.direction !== null && (
        <Group gap="xs">
          <Text size="sm">{t('clinical:risk.direction')}</Text>
          <Badge color={DIRECTION_COLORS[trend.direction]} variant="light">
            {t(`counseling:trend.${trend.direction}`)}
          </Badge>
        </Group>
      )}
      <Table aria-label={t('clinical:risk.trendTitle')} verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('clinical:risk.assessedAt')}</Table.Th>
            <Table.Th>{t('clinical:risk.level')}</Table.Th>
            <Table.Th>{t('clinical:risk.scoreColumn')}</Table.Th>
            <Table.Th>{t('clinical:risk.version')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {newestFirst.map((point) => (
            <Table.Tr key={point.id}>
              <Table.Td>{formatInstant(point.assessedAt)}</Table.Td>
              <Table.Td>
                <RiskLevelBadge level={point.level} />
              </Table.Td>
              <Table.Td>{point.score}</Table.Td>
              <Table.Td>{instrumentName(point.instrumentId, point.instrumentVersion)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
