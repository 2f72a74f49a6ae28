import { describe, expect, it } from 'vitest';
import { takeHarnessToken, type TokenLocation } from './transport';

function fakeWindow(hash: string, state: unknown = null): TokenLocation & { url: string } {
  const win = {
    url: `/index.html${hash}`,
    location: { hash, pathname: '/index.html', search: '' },
    history: {
      state,
      replaceState(data: unknown, _unused: string, url?: string) {
        win.history.state = data;
        if (url !== undefined) {
          win.url = url;
          win.location.hash = '';
        }
      },
    },
  };
  return win;
}

describe('takeHarnessToken', () => {
  it('reads the token and removes it from the address bar', () => {
    const win = fakeWindow('#token=abc123');
    expect(takeHarnessToken(win)).toBe('abc123');
    expect(win.url).toBe('/index.html');
    expect(win.location.hash).toBe('');
  });

  it('finds it again after a reload of the same history entry', () => {
    const win = fakeWindow('#token=abc123');
    takeHarnessToken(win);
    const reloaded = fakeWindow('', win.history.state);
    expect(takeHarnessToken(reloaded)).toBe('abc123');
  });

  it('is empty without a token (requests are then refused by the harness)', () => {
    expect(takeHarnessToken(fakeWindow(''))).toBe('');
    expect(takeHarnessToken(fakeWindow('', 'not an object'))).toBe('');
  });
});
