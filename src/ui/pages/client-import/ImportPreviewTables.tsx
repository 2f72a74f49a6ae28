import { Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportCell, ImportRefusal } from '../../../core/clients/clients-import.schema';

const REFUSALS_SHOWN = 100;

/**
 * A table wider than the screen scrolls sideways; with no control inside, only a focusable
 * viewport lets a keyboard user scroll it (WCAG 2.1.1). It is a named region so that the stop
 * says what it is.
 */
function keyboardScroll(label: string) {
  return { viewportProps: { tabIndex: 0, role: 'region', 'aria-label': label } };
}

/** The file's first rows under its own headers. */
export function ImportSampleTable({ headers, rows }: { readonly headers: readonly string[]; readonly rows: readonly (readonly ImportCell[])[] }) {
  const { t } = useTranslation('clientImport');
  return (
    <>
      <Title order={3}>{t('sample')}</Title>
      <Table.ScrollContainer minWidth={600} scrollAreaProps={keyboardScroll(t('sample'))}>
        <Table withTableBorder striped aria-label={t('sample')}>
          <Table.Thead>
            <Table.Tr>
              {headers.map((header, index) => (
                <Table.Th key={index}>{header === '' ? t('column', { n: index + 1 }) : header}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, rowIndex) => (
              <Table.Tr key={rowIndex}>
                {headers.map((_, index) => (
                  <Table.Td key={index}>{row[index] ?? ''}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

/** The refused rows, each with why; the report downloads all of them. */
export function ImportRefusalsTable({ refusals }: { readonly refusals: readonly ImportRefusal[] }) {
  const { t } = useTranslation('clientImport');
  if (refusals.length === 0) return null;
  const shown = refusals.slice(0, REFUSALS_SHOWN);
  return (
    <>
      <Title order={3}>{t('refusals')}</Title>
      {refusals.length > shown.length && <Text size="sm">{t('refusalsShown', { shown: shown.length, total: refusals.length })}</Text>}
      <Table.ScrollContainer minWidth={600} scrollAreaProps={keyboardScroll(t('refusals'))}>
        <Table withTableBorder striped aria-label={t('refusals')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('row')}</Table.Th>
              <Table.Th>{t('reason')}</Table.Th>
              <Table.Th>{t('fieldColumn')}</Table.Th>
              <Table.Th>{t('duplicateOf')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((refusal) => (
              <Table.Tr key={refusal.row}>
                <Table.Td>{refusal.row}</Table.Td>
                <Table.Td>{t(`reasons.${refusal.reason}`)}</Table.Td>
                <Table.Td>{refusal.field === null ? '' : t(`fields.${refusal.field}`, { defaultValue: refusal.field })}</Table.Td>
                <Table.Td>{refusal.duplicateOfRow !== null ? t('row') + ' ' + String(refusal.duplicateOfRow) : (refusal.existingClientId ?? '')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
