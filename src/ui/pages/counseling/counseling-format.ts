import type { TFunction } from 'i18next';
import type { SessionListEntry } from '../../../core/counseling/session-records.service';
import { formatDay, formatTime } from '../clients/client-format';
import { localDayAndTime } from './session-form';

/** An instant as day and time, `24.11.2026 14:30`, on this PC's clock. */
export function formatInstant(instant: string): string {
  return `${formatDay(localDayAndTime(instant).day)} ${formatTime(instant)}`;
}

/** A session's state as one word: draft, signed, countersigned or voided. */
export function sessionStatusLabel(t: TFunction, entry: { readonly status: 'draft' | 'signed' | 'voided'; readonly isCountersigned: boolean }): string {
  if (entry.status === 'signed' && entry.isCountersigned) return t('counselingSessions:status.countersigned');
  return t(`counselingSessions:status.${entry.status}`);
}

export type ReadableEntry = Extract<SessionListEntry, { readonly isReadable: true }>;
