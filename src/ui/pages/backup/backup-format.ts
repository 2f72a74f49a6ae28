import dayjs from 'dayjs';

/** A backup's moment as the PC's clock shows it: 04.12.2026 20:00 (the same in every language). */
export function formatBackupTime(iso: string): string {
  return dayjs(iso).format('DD.MM.YYYY HH:mm');
}
