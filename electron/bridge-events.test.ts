import { describe, expect, it } from 'vitest';
import { BRIDGE_EVENTS, type BridgeEvent } from '../src/core/api/bridge';
import { createEventHub, isBridgeEvent } from './bridge-events';
import { hotKeyEvent, type KeyInput } from './hot-keys';

describe('bridge events', () => {
  it('knows exactly the events of the bridge type', () => {
    for (const name of BRIDGE_EVENTS) expect(isBridgeEvent(name)).toBe(true);
    for (const name of ['Lock', 'quickhide', 'toString', '__proto__', '', 42, null]) expect(isBridgeEvent(name)).toBe(false);
  });

  it('refuses to subscribe to any other event name', () => {
    const hub = createEventHub();
    expect(() => hub.on('navigate' as BridgeEvent, () => {})).toThrow(TypeError);
    expect(() => hub.on('constructor' as BridgeEvent, () => {})).toThrow(TypeError);
    expect(() => hub.on('lock', 'not a function' as unknown as () => void)).toThrow(TypeError);
  });

  it('delivers only known events, to their own listeners, until unsubscribed', () => {
    const hub = createEventHub();
    const seen: string[] = [];
    const offLock = hub.on('lock', () => seen.push('lock'));
    hub.on('quickHide', () => seen.push('quickHide'));
    hub.emit('lock');
    hub.emit('quickHide');
    hub.emit('somethingElse');
    hub.emit({ name: 'lock' });
    offLock();
    hub.emit('lock');
    expect(seen).toEqual(['lock', 'quickHide']);
  });

  it('keeps delivering when one listener throws', () => {
    const hub = createEventHub();
    const seen: string[] = [];
    hub.on('quickHide', () => {
      throw new Error('broken listener');
    });
    hub.on('quickHide', () => seen.push('blanked'));
    hub.emit('quickHide');
    expect(seen).toEqual(['blanked']);
  });
});

describe('hotKeyEvent', () => {
  const key = (code: string, modifiers: Partial<KeyInput> = {}): KeyInput => ({
    type: 'keyDown',
    code,
    control: false,
    meta: false,
    shift: false,
    alt: false,
    ...modifiers,
  });

  it('maps Ctrl+L to lock and Ctrl+Shift+H to quick hide on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      expect(hotKeyEvent(key('KeyL', { control: true }), platform)).toBe('lock');
      expect(hotKeyEvent(key('KeyH', { control: true, shift: true }), platform)).toBe('quickHide');
    }
  });

  it('uses Cmd instead of Ctrl on macOS', () => {
    expect(hotKeyEvent(key('KeyL', { meta: true }), 'darwin')).toBe('lock');
    expect(hotKeyEvent(key('KeyH', { meta: true, shift: true }), 'darwin')).toBe('quickHide');
    expect(hotKeyEvent(key('KeyL', { control: true }), 'darwin')).toBeNull();
  });

  it('ignores other keys, key-up, extra modifiers and plain typing', () => {
    expect(hotKeyEvent(key('KeyL'), 'win32')).toBeNull();
    expect(hotKeyEvent(key('KeyH', { control: true }), 'win32')).toBeNull();
    expect(hotKeyEvent(key('KeyL', { control: true, shift: true }), 'win32')).toBeNull();
    expect(hotKeyEvent(key('KeyL', { control: true, alt: true }), 'win32')).toBeNull();
    expect(hotKeyEvent({ ...key('KeyL', { control: true }), type: 'keyUp' }, 'win32')).toBeNull();
    expect(hotKeyEvent(key('KeyK', { control: true }), 'win32')).toBeNull();
  });
});
