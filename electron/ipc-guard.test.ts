import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { createIpcGuard, isAppFrame, isAppUrl, IpcSenderRefusedError, type FrameLike } from './ipc-guard';

const PACKAGED = { entryUrl: 'file:///opt/INSON%20Center/resources/app.asar/.vite/renderer/main_window/index.html' };
const DEV = { entryUrl: 'http://localhost:5173' };

let nextToken = 1;
function frame(url: string, parent: FrameLike | null = null): FrameLike {
  return { url, parent, frameToken: `token-${nextToken++}`, processId: 4 };
}

/** Records handlers the way ipcMain.handle does and lets the test invoke them with a fake event. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  const ipc: Pick<IpcMain, 'handle'> = {
    handle: (channel, listener) => {
      handlers.set(channel, listener as (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown);
    },
  };
  const invoke = (channel: string, senderFrame: FrameLike | null, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler on ${channel}`);
    return handler({ senderFrame, sender: { id: 7 } } as unknown as IpcMainInvokeEvent, ...args);
  };
  return { ipc, invoke, handlers };
}

describe('isAppUrl', () => {
  it('accepts the packaged page, with any route in the hash', () => {
    expect(isAppUrl(PACKAGED.entryUrl, PACKAGED)).toBe(true);
    expect(isAppUrl(`${PACKAGED.entryUrl}#/clients/42`, PACKAGED)).toBe(true);
  });

  it('matches an install path whatever characters each side escapes', () => {
    const page = { entryUrl: 'file:///C:/Users/%D0%90%D0%B7%D0%B8%D0%B7/AppData/Local/INSON%20Center/app%20(1)/index.html' };
    expect(isAppUrl('file:///C:/Users/Азиз/AppData/Local/INSON Center/app (1)/index.html', page)).toBe(true);
    expect(isAppUrl('file:///C:/Users/%D0%90%D0%B7%D0%B8%D0%B7/AppData/Local/INSON%20Center/app%20%281%29/index.html', page)).toBe(true);
    expect(isAppUrl('file:///C:/Users/Азиз/AppData/Local/INSON Center/app (2)/index.html', page)).toBe(false);
  });

  it('refuses any other local file, remote page or scheme', () => {
    expect(isAppUrl('file:///tmp/evil.html', PACKAGED)).toBe(false);
    expect(isAppUrl('file:///opt/INSON%20Center/resources/app.asar/.vite/renderer/main_window/other.html', PACKAGED)).toBe(false);
    expect(isAppUrl('file://remote-host/opt/INSON%20Center/resources/app.asar/.vite/renderer/main_window/index.html', PACKAGED)).toBe(false);
    expect(isAppUrl('https://example.com/index.html', PACKAGED)).toBe(false);
    expect(isAppUrl('not a url', PACKAGED)).toBe(false);
  });

  it('matches the dev server by origin only', () => {
    expect(isAppUrl('http://localhost:5173/', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:5173/index.html#/x', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', DEV)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', DEV)).toBe(false);
  });

  it('refuses everything when the entry is neither file nor http(s)', () => {
    expect(isAppUrl('data:text/html,hi', { entryUrl: 'data:text/html,hi' })).toBe(false);
  });
});

describe('isAppFrame', () => {
  const mainFrame = frame(PACKAGED.entryUrl);

  it('accepts our window main frame showing the app page', () => {
    expect(isAppFrame(mainFrame, mainFrame, PACKAGED)).toBe(true);
  });

  it('refuses a frame of another window, even on the same URL', () => {
    expect(isAppFrame(frame(PACKAGED.entryUrl), mainFrame, PACKAGED)).toBe(false);
    expect(isAppFrame({ ...mainFrame, processId: 5 }, mainFrame, PACKAGED)).toBe(false);
    expect(isAppFrame({ ...mainFrame, frameToken: '' }, { ...mainFrame, frameToken: '' }, PACKAGED)).toBe(false);
  });

  it('accepts another wrapper object for the same frame (same token and process)', () => {
    expect(isAppFrame({ ...mainFrame }, mainFrame, PACKAGED)).toBe(true);
  });

  it('refuses a sub-frame of our window', () => {
    const child = frame(PACKAGED.entryUrl, mainFrame);
    expect(isAppFrame(child, mainFrame, PACKAGED)).toBe(false);
  });

  it('refuses our main frame once it shows another URL', () => {
    const navigatedAway = frame('https://example.com/');
    expect(isAppFrame(navigatedAway, navigatedAway, PACKAGED)).toBe(false);
  });

  it('refuses a missing sender frame or a closed window', () => {
    expect(isAppFrame(null, mainFrame, PACKAGED)).toBe(false);
    expect(isAppFrame(undefined, mainFrame, PACKAGED)).toBe(false);
    expect(isAppFrame(mainFrame, null, PACKAGED)).toBe(false);
  });
});

describe('createIpcGuard', () => {
  const mainFrame = frame(PACKAGED.entryUrl);
  const check = (candidate: FrameLike | null | undefined) => isAppFrame(candidate, mainFrame, PACKAGED);

  it('runs the handler for the app frame and passes its arguments through', async () => {
    const { ipc, invoke } = fakeIpcMain();
    const guard = createIpcGuard(ipc, check);
    guard.handleFromAppFrame('inson:invoke', (_event, method, input) => ({ method, input }));
    expect(await invoke('inson:invoke', mainFrame, 'system.info', { a: 1 })).toEqual({ method: 'system.info', input: { a: 1 } });
  });

  it('refuses a foreign frame, a sub-frame and another URL without running the handler', () => {
    const { ipc, invoke } = fakeIpcMain();
    const refused: string[] = [];
    let runs = 0;
    const guard = createIpcGuard(ipc, check, (channel) => refused.push(channel));
    guard.handleFromAppFrame('inson:invoke', () => {
      runs += 1;
      return 'ran';
    });
    const senders = [frame(PACKAGED.entryUrl), frame(PACKAGED.entryUrl, mainFrame), frame('file:///tmp/evil.html'), null];
    for (const sender of senders) {
      expect(() => invoke('inson:invoke', sender, 'system.info', {})).toThrow(IpcSenderRefusedError);
    }
    expect(runs).toBe(0);
    expect(refused).toEqual(['inson:invoke', 'inson:invoke', 'inson:invoke', 'inson:invoke']);
  });
});
