import { Button, ScrollArea, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useGeoNames } from '../../components/geo-names';
import type { PossibleDuplicate } from '../../../core/clients/clients.schema';
import { birthText, fullName, maskPinfl } from './client-format';
import { formatPhone } from '../../../core/uz/uz.schema';


/** The typed record as the comparison shows it. */
export interface TypedRecord {
  readonly lastName: string;
  readonly firstName: string;
  readonly patronymic: string | null;
  readonly birthDate: string | null;
  readonly birthYear: number;
  readonly isBirthDateEstimated: boolean;
  readonly sex: string;
  readonly pinfl: string | null;
  readonly phone: string | null;
  readonly regionCode: string | null;
  readonly districtCode: string | null;
}

type Row = { readonly key: string; readonly value: (record: TypedRecord) => string };

/**
 * The record being typed next to each possible duplicate, row by row, so the receptionist sees at
 * a glance whether it is the same person; each candidate can be opened instead.
 */
export function DuplicateCompare({ typed, candidates, onOpen }: { readonly typed: TypedRecord; readonly candidates: readonly PossibleDuplicate[]; readonly onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const geo = useGeoNames();
  const rows: readonly Row[] = [
    { key: 'name', value: fullName },
    { key: 'birthDate', value: (record) => birthText(t, record) },
    { key: 'sex', value: (record) => (record.sex === '' ? '' : t(`clients:sex.${record.sex}`)) },
    { key: 'pinfl', value: (record) => maskPinfl(record.pinfl) },
    { key: 'phone', value: (record) => (record.phone === null ? '' : formatPhone(record.phone)) },
    { key: 'district', value: (record) => [geo.district(record.districtCode), geo.region(record.regionCode)].filter((part) => part !== '').join(', ') },
  ];
  return (
    <ScrollArea type="auto">
      <Table withTableBorder withColumnBorders aria-label={t('clients:duplicates.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th>{t('clients:duplicates.typed')}</Table.Th>
            {candidates.map((candidate, index) => (
              <Table.Th key={candidate.id}>{t('clients:duplicates.candidate', { number: index + 1 })}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row">{t(`clients:duplicates.row.${row.key}`)}</Table.Th>
              <Table.Td>{row.value(typed)}</Table.Td>
              {candidates.map((candidate) => (
                <Table.Td key={candidate.id}>{row.value(candidate)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th scope="row" />
            <Table.Td />
            {candidates.map((candidate) => (
              <Table.Td key={candidate.id}>
                <Button size="xs" variant="light" onClick={() => onOpen(candidate.id)} aria-label={t('clients:duplicates.openNamed', { name: fullName(candidate) })}>
                  {t('clients:duplicates.open')}
                </Button>
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
