import { describe, expect, it } from 'vitest';
import { sheetKey } from './attendance-keys';

describe('the attendance sheet’s keys', () => {
  it('reads P/A/E/L and 1–4 by the physical key, whatever the layout, and arrows as moves', () => {
    expect(sheetKey({ code: 'KeyP', key: 'p' })).toEqual({ kind: 'mark', mark: 'present' });
    // The same key with a Russian or Uzbek Cyrillic layout types "з"/"п": still present.
    expect(sheetKey({ code: 'KeyP', key: 'з' })).toEqual({ kind: 'mark', mark: 'present' });
    expect(sheetKey({ code: 'KeyA', key: 'ф' })).toEqual({ kind: 'mark', mark: 'absent' });
    expect(sheetKey({ code: 'Digit3', key: '3' })).toEqual({ kind: 'mark', mark: 'excused' });
    expect(sheetKey({ code: 'Numpad4', key: '4' })).toEqual({ kind: 'mark', mark: 'late' });
    expect(sheetKey({ code: 'ArrowDown', key: 'ArrowDown' })).toEqual({ kind: 'move', by: 1 });
    expect(sheetKey({ code: 'ArrowUp', key: 'ArrowUp' })).toEqual({ kind: 'move', by: -1 });
  });

  it('leaves shortcuts with Ctrl, Alt or Meta and every other key to the browser', () => {
    expect(sheetKey({ code: 'KeyP', key: 'p', ctrlKey: true })).toBeNull();
    expect(sheetKey({ code: 'KeyL', key: 'l', altKey: true })).toBeNull();
    expect(sheetKey({ code: 'Tab', key: 'Tab' })).toBeNull();
    expect(sheetKey({ code: 'KeyX', key: 'x' })).toBeNull();
  });
});
