import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreviewRecord } from '../../../core/sync/sync-status';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useGeoNames } from '../../components/geo-names';
import { momentText } from './sync-wording';

const PAGE_SIZE = 20;

/** A field's value as it travels: yes/no for booleans, a dash for nothing, lists joined. */
function valueText(t: TFunction, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('sync:values.empty');
  if (typeof value === 'boolean') return t(value ? 'sync:values.yes' : 'sync:values.no');
  if (Array.isArray(value)) return value.length === 0 ? t('sync:values.empty') : value.map((item) => valueText(t, item)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as string | number);
}

type GeoNames = ReturnType<typeof useGeoNames>;

/** The value exactly as it travels, with its meaning beside a code a person cannot read (a region, a district, the sex). */
function shownValue(t: TFunction, geo: GeoNames, field: string, value: unknown): string {
  const travels = valueText(t, value);
  if (typeof value !== 'string') return travels;
  const meaning = field === 'regionCode' ? geo.region(value) : field === 'districtCode' ? geo.district(value) : field === 'sex' ? t(`clients:sex.${value}`, { defaultValue: '' }) : '';
  return meaning !== '' && meaning !== value ? `${travels} (${meaning})` : travels;
}

/** The fields of one record, each named in the UI's language; the pseudonym marked as one; hidden fields named. */
function RecordFields({ record, geo }: { readonly record: PreviewRecord; readonly geo: GeoNames }) {
  const { t } = useTranslation();
  const entries = Object.entries(record.data);
  return (
    <Stack gap={4}>
      <Table variant="vertical" withRowBorders={false} verticalSpacing={2} horizontalSpacing="xs" fz="sm">
        <Table.Tbody>
          {entries.map(([field, value]) => (
            <Table.Tr key={field}>
              <Table.Th scope="row" fw={500} c="dimmed" w="45%" bg="transparent">
                {t(`sync:fields.${field}`, { defaultValue: field })}
              </Table.Th>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                {field === 'pseudonym' ? (
                  <Group gap={6} wrap="nowrap" align="baseline">
                    <Badge variant="outline" color="violet" size="sm" style={{ textTransform: 'none', flexShrink: 0 }}>
                      {t('sync:preview.pseudonym')}
                    </Badge>
                    <Text component="span" ff="monospace" size="xs">
                      {value === null ? t('sync:preview.pseudonymPending') : valueText(t, value)}
                    </Text>
                  </Group>
                ) : (
                  shownValue(t, geo, field, value)
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {record.hiddenFields.length > 0 && (
        <Text size="sm" fs="italic">
          {t('sync:preview.hidden', { fields: record.hiddenFields.map((field) => t(`sync:fields.${field}`, { defaultValue: field })).join(', ') })}
        </Text>
      )}
    </Stack>
  );
}

/** Previous and next page of the preview. */
function Pager({ total, offset, onOffset }: { readonly total: number; readonly offset: number; readonly onOffset: (offset: number) => void }) {
  const { t } = useTranslation();
  const hasPrevious = offset > 0;
  const hasNext = offset + PAGE_SIZE < total;
  return (
    <Group justify="space-between">
      <Text size="sm" aria-live="polite">
        {total > 0 && t('sync:preview.shown', { from: offset + 1, to: Math.min(total, offset + PAGE_SIZE), total })}
      </Text>
      {(hasPrevious || hasNext) && (
        <Group gap="sm" role="group" aria-label={t('sync:preview.pages')}>
          <Button variant="default" disabled={!hasPrevious} onClick={() => onOffset(Math.max(0, offset - PAGE_SIZE))}>
            {t('sync:preview.previousPage')}
          </Button>
          <Button variant="default" disabled={!hasNext} onClick={() => onOffset(offset + PAGE_SIZE)}>
            {t('sync:preview.nextPage')}
          </Button>
        </Group>
      )}
    </Group>
  );
}

/**
 * Record by record, exactly what will leave the center (issue 12, item 4): pending and sealed
 * but unacknowledged records, with their fields as they travel, as the viewer's role may see them.
 */
export function PreviewSection() {
  const { t } = useTranslation();
  const geo = useGeoNames();
  const [offset, setOffset] = useState(0);
  const preview = useApiQuery('sync.preview', { offset, limit: PAGE_SIZE }, { placeholderData: (previous) => previous });
  const total = preview.data?.total ?? 0;
  const records = preview.data?.records ?? [];
  return (
    <Paper p="md" withBorder>
      <Stack>
        <Title order={3} id="sync-preview-title">
          {t('sync:preview.title')}
        </Title>
        <Text size="sm">{t('sync:preview.intro')}</Text>
        <ErrorAlert error={preview.error} />
        {preview.data !== undefined && total === 0 && <Text c="dimmed">{t('sync:preview.none')}</Text>}
        {total > 0 && (
          <>
            <Text fw={600}>{t('sync:preview.total', { count: total })}</Text>
            <Table.ScrollContainer minWidth={760}>
              <Table striped aria-labelledby="sync-preview-title" verticalSpacing="xs" style={{ tableLayout: 'fixed' }}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w="20%">{t('sync:preview.type')}</Table.Th>
                    <Table.Th w="12%">{t('sync:preview.op')}</Table.Th>
                    <Table.Th w="13%">{t('sync:preview.occurredAt')}</Table.Th>
                    <Table.Th w="15%">{t('sync:preview.where')}</Table.Th>
                    <Table.Th>{t('sync:preview.data')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {records.map((record) => (
                    <Table.Tr key={record.outboxSeq} style={{ verticalAlign: 'top' }}>
                      <Table.Td fw={600}>{t(`sync:types.${record.type}`, { defaultValue: record.type })}</Table.Td>
                      <Table.Td>{t(`sync:ops.${record.op}`)}</Table.Td>
                      <Table.Td>{momentText(record.occurredAt)}</Table.Td>
                      <Table.Td>{t(record.isSealed ? 'sync:preview.sealed' : 'sync:preview.pending')}</Table.Td>
                      <Table.Td>
                        <RecordFields record={record} geo={geo} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Pager total={total} offset={offset} onOffset={setOffset} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
