import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import updateLocale from 'dayjs/plugin/updateLocale';
import type { TFunction } from 'i18next';
import { DAYJS_LOCALE } from '../../forms/day-text';
import type { Language } from '../../i18n/languages';

dayjs.extend(relativeTime);
dayjs.extend(updateLocale);
// dayjs's Uzbek wording says "soniya oldin" / "фурсат олдин" for a few seconds and "Yaqin … ichida" for the future; these read as people say them.
dayjs.updateLocale('uz-latn', {
  relativeTime: { future: '%s ichida', past: '%s oldin', s: 'bir necha soniya', m: 'bir daqiqa', mm: '%d daqiqa', h: 'bir soat', hh: '%d soat', d: 'bir kun', dd: '%d kun', M: 'bir oy', MM: '%d oy', y: 'bir yil', yy: '%d yil' },
});
dayjs.updateLocale('uz', {
  relativeTime: { future: '%s ичида', past: '%s олдин', s: 'бир неча сония', m: 'бир дақиқа', mm: '%d дақиқа', h: 'бир соат', hh: '%d соат', d: 'бир кун', dd: '%d кун', M: 'бир ой', MM: '%d ой', y: 'бир йил', yy: '%d йил' },
});

/**
 * The upload's codes in plain words: the reasons the core records for a failed contact (network,
 * timeout, http503, notRegistryAnswer …), the registry's refusals of batches and records, the
 * alert, and the clock offset between the registry and this computer.
 */

/** Reasons with a sentence of their own in sync.json `reasons`. */
const KNOWN_REASONS = new Set([
  'network',
  'timeout',
  'http503',
  'http429',
  'http413',
  'notRegistryAnswer',
  'badReceipt',
  'unknownRegistryKey',
  'held',
  'busy',
  'malformed',
  'unsupportedSchema',
  'badSignature',
  'unknownKey',
  'decryptFailed',
  'plainHashMismatch',
  'mismatch',
  'unknownCenter',
  'batchIdConflict',
  'seqConflict',
  'versionConflict',
  'unknownType',
  'unknownVersion',
  'refused',
]);

/**
 * One reason code as a sentence; an unknown code is quoted, never dropped.
 *
 * @example reasonText(t, 'http503') // 'The registry is busy or under maintenance (503). …'
 * @example reasonText(t, 'unknownField:note') // '… a field the registry does not accept: note.'
 */
export function reasonText(t: TFunction, reason: string): string {
  if (KNOWN_REASONS.has(reason)) return t(`sync:reasons.${reason}`);
  const field = /^unknownField:(.+)$/.exec(reason);
  if (field) return t('sync:reasons.unknownField', { field: field[1] ?? '' });
  const http = /^http(\d{3})$/.exec(reason);
  if (http) return t('sync:reasons.http', { status: http[1] ?? '' });
  return t('sync:reasons.other', { code: reason });
}

/**
 * The alert the core keeps for the manager (`batchRefused:<seq>:<reason>`), in words.
 *
 * @example alertText(t, 'batchRefused:7:badSignature')
 */
export function alertText(t: TFunction, alert: string): string {
  const refused = /^batchRefused:(\d+):(.*)$/.exec(alert);
  if (refused) return t('sync:alert.batchRefused', { seq: refused[1] ?? '', reason: reasonText(t, refused[2] ?? '') });
  return t('sync:alert.other', { code: alert });
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * "The registry's clock is 3 days ahead of this computer", or null when the clocks agree within a
 * minute (the round trip alone can make that much).
 *
 * @example clockOffsetText(t, 3 * 86_400_000)
 */
export function clockOffsetText(t: TFunction, offsetMs: number | null): string | null {
  if (offsetMs === null || Math.abs(offsetMs) <= MINUTE_MS) return null;
  const size = Math.abs(offsetMs);
  const amount =
    size >= DAY_MS
      ? t('sync:units.days', { count: Math.round(size / DAY_MS) })
      : size >= HOUR_MS
        ? t('sync:units.hours', { count: Math.round(size / HOUR_MS) })
        : t('sync:units.minutes', { count: Math.round(size / MINUTE_MS) });
  return t(offsetMs > 0 ? 'sync:status.clockAhead' : 'sync:status.clockBehind', { amount });
}

/**
 * A moment both ways: relative ("5 minutes ago") and absolute (`04.12.2026 14:05`).
 *
 * @example whenText('2026-12-04T09:05:00Z', 'ru', new Date())
 */
export function whenText(iso: string, language: Language, now: Date = new Date()): string {
  const moment = dayjs(iso);
  if (!moment.isValid()) return iso;
  return `${moment.locale(DAYJS_LOCALE[language]).from(dayjs(now))} (${moment.format('DD.MM.YYYY HH:mm')})`;
}

/** An absolute moment, day first. */
export function momentText(iso: string): string {
  const moment = dayjs(iso);
  return moment.isValid() ? moment.format('DD.MM.YYYY HH:mm') : iso;
}

/**
 * The registry's fingerprint in groups of four, as printed on the enrollment letter.
 *
 * @example fingerprintGroups('CCAA87644D41') // ['CCAA', '8764', '4D41']
 */
export function fingerprintGroups(fingerprint: string): string[] {
  const compact = fingerprint.toUpperCase().replace(/[^0-9A-F]/g, '');
  return compact.match(/.{1,4}/g) ?? [];
}
