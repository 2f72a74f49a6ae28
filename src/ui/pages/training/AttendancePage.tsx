import { Alert, Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ATTENDANCE_MARKS, EXCUSE_REASONS, type AttendanceMark, type ExcuseReason } from '../../../core/training/training.schema';
import { useApi } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApiQuery } from '../../api/api';
import { formatDay } from '../clients/client-format';
import { sheetKey } from './attendance-keys';
import { useReaderNames } from '../../components/reader-names';

interface Entry {
  readonly mark: AttendanceMark;
  readonly excuse: ExcuseReason | null;
}

const MARK_COLOR: Readonly<Record<AttendanceMark, string>> = { present: 'teal', absent: 'red', excused: 'grape', late: 'yellow' };

/**
 * One session's attendance, keyboard first: ↑/↓ move between learners, P/A/E/L or 1/2/3/4 mark
 * present, absent, excused or late and move on; "All present" fills the unmarked rows, then the
 * exceptions are corrected. Every change is saved at once (queued, one call in flight), the
 * learner's attendance so far comes back from the core and shows live.
 */
export function AttendancePage() {
  const { t } = useTranslation();
  const names = useReaderNames();
  const { sessionId = '' } = useParams();
  const api = useApi();
  const sheet = useApiQuery('training.attendanceSheet', { sessionId });
  const [entries, setEntries] = useState<ReadonlyMap<string, Entry>>(new Map());
  const [figures, setFigures] = useState<ReadonlyMap<string, { percent: number | null; isAtRisk: boolean }>>(new Map());
  const [focused, setFocused] = useState(0);
  const [saveState, setSaveState] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const [saveError, setSaveError] = useState<unknown>(null);
  const pending = useRef(new Map<string, Entry>());
  const inFlight = useRef(false);
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);
  const loaded = useRef(false);

  const rows = (sheet.data?.rows ?? []).filter((row) => !row.isBeforeJoining);
  const laterJoiners = (sheet.data?.rows ?? []).filter((row) => row.isBeforeJoining);

  useEffect(() => {
    if (sheet.data === undefined || loaded.current) return;
    loaded.current = true;
    setEntries(new Map(sheet.data.rows.flatMap((row) => (row.mark === null ? [] : [[row.enrollmentId, { mark: row.mark, excuse: row.excuse }] as const]))));
    setFigures(new Map(sheet.data.rows.map((row) => [row.enrollmentId, { percent: row.figures.percent, isAtRisk: row.isAtRisk }])));
    // The sheet is the form: the keyboard starts on its first learner.
    requestAnimationFrame(() => rowRefs.current[0]?.focus());
  }, [sheet.data]);

  const flush = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      // One call at a time; what was typed meanwhile goes in the next.
      while (pending.current.size > 0) {
        const batch = [...pending.current];
        pending.current = new Map();
        setSaveState('saving');
        try {
          const answer = await api.invoke('training.recordAttendance', {
            sessionId,
            marks: batch.map(([enrollmentId, entry]) => ({ enrollmentId, mark: entry.mark, excuse: entry.excuse })),
          });
          setFigures(new Map(answer.rows.map((row) => [row.enrollmentId, { percent: row.figures.percent, isAtRisk: row.isAtRisk }])));
          setSaveError(null);
          if (pending.current.size === 0) setSaveState('saved');
        } catch (error) {
          // Keep what was typed: the failed marks wait for "Try again" (or the next key).
          for (const [id, entry] of batch) if (!pending.current.has(id)) pending.current.set(id, entry);
          setSaveError(error);
          setSaveState('failed');
          return;
        }
      }
    } finally {
      inFlight.current = false;
    }
  }, [api, sessionId]);

  const setMarks = useCallback(
    (changes: readonly (readonly [string, Entry])[]) => {
      setEntries((current) => {
        const next = new Map(current);
        for (const [id, entry] of changes) next.set(id, entry);
        return next;
      });
      for (const [id, entry] of changes) pending.current.set(id, entry);
      void flush();
    },
    [flush],
  );

  const focusRow = (index: number) => {
    const bounded = Math.max(0, Math.min(rows.length - 1, index));
    setFocused(bounded);
    rowRefs.current[bounded]?.focus();
  };

  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, index: number, enrollmentId: string) => {
    if (event.target !== event.currentTarget) return;
    const key = sheetKey(event);
    if (key === null) return;
    event.preventDefault();
    if (key.kind === 'move') return focusRow(index + key.by);
    setMarks([[enrollmentId, { mark: key.mark, excuse: key.mark === 'excused' ? (entries.get(enrollmentId)?.excuse ?? 'other') : null }]]);
    if (key.mark !== 'excused') focusRow(index + 1);
  };

  const allPresent = () => {
    setMarks(rows.filter((row) => !entries.has(row.enrollmentId)).map((row) => [row.enrollmentId, { mark: 'present', excuse: null }] as const));
    focusRow(0);
  };

  const session = sheet.data?.session;
  const markedCount = rows.filter((row) => entries.has(row.enrollmentId)).length;
  return (
    <Stack>
      {sheet.data && (
        <Anchor component={Link} to={`/training/cohorts/${sheet.data.cohortId}`} size="sm">
          {t('training:attendance.backToCohort')}
        </Anchor>
      )}
      <ErrorAlert error={sheet.error} />
      {session && (
        <>
          <Group justify="space-between" align="flex-end">
            <Stack gap={2}>
              <Title order={2}>{t('training:attendance.title', { seq: session.seq, date: formatDay(session.date) })}</Title>
              <Text size="sm" c="dimmed" id="attendance-keys">
                {t('training:attendance.keys')}
              </Text>
            </Stack>
            <Group gap="sm">
              <Text size="sm" role="status" aria-live="polite">
                {saveState === 'saving' ? t('training:attendance.saving') : saveState === 'saved' ? t('training:attendance.saved', { marked: markedCount, total: rows.length }) : ''}
              </Text>
              <Button onClick={allPresent} disabled={rows.every((row) => entries.has(row.enrollmentId))}>
                {t('training:attendance.allPresent')}
              </Button>
            </Group>
          </Group>
          {saveState === 'failed' && (
            <Alert color="red" role="alert" title={t('training:attendance.notSaved')}>
              <ErrorAlert error={saveError} />
              <Button mt="xs" size="xs" onClick={() => void flush()}>
                {t('training:attendance.retry')}
              </Button>
            </Alert>
          )}
          {rows.length === 0 ? (
            <Text c="dimmed">{t('training:attendance.nobody')}</Text>
          ) : (
            <Table withTableBorder aria-label={t('training:attendance.tableLabel')} aria-describedby="attendance-keys">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('training:learners.name')}</Table.Th>
                  <Table.Th scope="col">{t('training:attendance.mark')}</Table.Th>
                  <Table.Th scope="col">{t('training:attendance.excuse')}</Table.Th>
                  <Table.Th scope="col">{t('training:attendance.soFar', { percent: sheet.data?.minAttendancePercent ?? 80 })}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row, index) => {
                  const entry = entries.get(row.enrollmentId);
                  const figure = figures.get(row.enrollmentId);
                  const markText = entry ? t(`training:marks.${entry.mark}`) : t('training:attendance.unmarked');
                  return (
                    <Table.Tr
                      key={row.enrollmentId}
                      ref={(element) => {
                        rowRefs.current[index] = element;
                      }}
                      tabIndex={index === focused ? 0 : -1}
                      onFocus={() => setFocused(index)}
                      onKeyDown={(event) => onRowKey(event, index, row.enrollmentId)}
                      aria-label={`${names.name(row.learnerName)}: ${markText}`}
                      data-row={index}
                      style={{ outlineOffset: -2 }}
                    >
                      <Table.Th scope="row">{names.name(row.learnerName)}</Table.Th>
                      <Table.Td>
                        <Group gap={4} role="radiogroup" aria-label={t('training:attendance.markFor', { name: names.name(row.learnerName) })}>
                          {ATTENDANCE_MARKS.map((mark) => (
                            <Button
                              key={mark}
                              size="compact-sm"
                              tabIndex={-1}
                              role="radio"
                              aria-checked={entry?.mark === mark}
                              color={MARK_COLOR[mark]}
                              variant={entry?.mark === mark ? 'filled' : 'default'}
                              onClick={() => setMarks([[row.enrollmentId, { mark, excuse: mark === 'excused' ? (entry?.excuse ?? 'other') : null }]])}
                            >
                              {t(`training:marks.${mark}`)}
                            </Button>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        {entry?.mark === 'excused' && (
                          <NativeSelect
                            size="xs"
                            aria-label={t('training:attendance.excuseFor', { name: names.name(row.learnerName) })}
                            value={entry.excuse ?? 'other'}
                            onChange={(event) => setMarks([[row.enrollmentId, { mark: 'excused', excuse: event.currentTarget.value as ExcuseReason }]])}
                            onKeyDown={(event) => {
                              if (event.key === 'Enter') {
                                event.preventDefault();
                                focusRow(index + 1);
                              }
                            }}
                            data={EXCUSE_REASONS.map((reason) => ({ value: reason, label: t(`training:excuses.${reason}`) }))}
                          />
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Text size="sm">{figure?.percent === null || figure === undefined ? '—' : `${figure.percent}%`}</Text>
                          {figure?.isAtRisk === true && (
                            <Badge color="red" variant="light">
                              {t('training:attendance.atRisk')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
          {laterJoiners.length > 0 && <Text size="sm" c="dimmed">{t('training:attendance.joinedLater', { names: laterJoiners.map((row) => names.name(row.learnerName)).join(', ') })}</Text>}
        </>
      )}
    </Stack>
  );
}
