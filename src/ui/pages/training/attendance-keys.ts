import type { AttendanceMark } from '../../../core/training/training.schema';

/**
 * The attendance sheet's keys: P/A/E/L (in Latin or Cyrillic layout: П/О/С/К is not guessed,
 * the physical key is read) and 1/2/3/4 for present, absent, excused, late; arrows move.
 */
const BY_CODE: Readonly<Record<string, AttendanceMark>> = {
  KeyP: 'present',
  KeyA: 'absent',
  KeyE: 'excused',
  KeyL: 'late',
  Digit1: 'present',
  Digit2: 'absent',
  Digit3: 'excused',
  Digit4: 'late',
  Numpad1: 'present',
  Numpad2: 'absent',
  Numpad3: 'excused',
  Numpad4: 'late',
};

export type SheetKey = { readonly kind: 'mark'; readonly mark: AttendanceMark } | { readonly kind: 'move'; readonly by: number } | null;

/**
 * Reads a key press on a row. `code` is the physical key, so a Cyrillic keyboard layout (the
 * key marked П is where P is) works the same.
 *
 * @example sheetKey({ code: 'KeyP', key: 'p' }) // { kind: 'mark', mark: 'present' }
 */
export function sheetKey(event: { readonly code: string; readonly key: string; readonly ctrlKey?: boolean; readonly altKey?: boolean; readonly metaKey?: boolean }): SheetKey {
  if (event.ctrlKey === true || event.altKey === true || event.metaKey === true) return null;
  if (event.key === 'ArrowDown') return { kind: 'move', by: 1 };
  if (event.key === 'ArrowUp') return { kind: 'move', by: -1 };
  const mark = BY_CODE[event.code];
  return mark === undefined ? null : { kind: 'mark', mark };
}
