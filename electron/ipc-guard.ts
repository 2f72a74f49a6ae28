import type { IpcMain, IpcMainInvokeEvent } from 'electron';

/**
 * The one place that registers IPC handlers (lint forbids `ipcMain.handle`/`ipcMain.on` anywhere
 * else). Every handler first checks that the message comes from our window's main frame showing
 * the app's own page, so a sub-frame, a foreign page the window was somehow navigated to, or
 * another window cannot reach the core. Electron is only imported for types, so tests load this
 * file with fakes.
 */

/** The parts of Electron's `WebFrameMain` the check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
  /** Identifies the frame's document host; with processId, unique while the app runs. */
  readonly frameToken: string;
  readonly processId: number;
}

/** Same frame: Electron normally hands out one object per frame, but the token decides. */
function isSameFrame(a: FrameLike, b: FrameLike): boolean {
  return a === b || (a.frameToken !== '' && a.frameToken === b.frameToken && a.processId === b.processId);
}

/** The app's own page: the Vite dev server's origin in development, `app://inson/index.html` in production. */
export interface AppPage {
  /** The URL the window was told to load. */
  readonly entryUrl: string;
}

/**
 * Compares two URL paths after percent-decoding: Node's pathToFileURL and Chromium may escape
 * different characters of the same install path (a Cyrillic Windows user name, spaces, brackets).
 */
function samePath(a: string, b: string): boolean {
  try {
    return decodeURIComponent(a) === decodeURIComponent(b);
  } catch {
    return false;
  }
}

/**
 * True when `url` is the app's own page. An `app://` entry (the packaged app's own scheme,
 * electron/app-protocol.ts) must match its scheme and host; a file:// entry its path exactly (any
 * other local file is foreign); an http(s) entry (the dev server) its origin.
 *
 * @example isAppUrl('file:///opt/inson/index.html#/clients', { entryUrl: 'file:///opt/inson/index.html' }) // true
 */
export function isAppUrl(url: string, page: AppPage): boolean {
  let actual: URL;
  let expected: URL;
  try {
    actual = new URL(url);
    expected = new URL(page.entryUrl);
  } catch {
    return false;
  }
  // A custom scheme has no WHATWG origin ('null' on both sides): compare scheme and host instead.
  if (expected.protocol === 'app:') return actual.protocol === 'app:' && actual.host === expected.host && actual.host !== '';
  if (expected.protocol === 'file:') {
    return actual.protocol === 'file:' && actual.host === expected.host && samePath(actual.pathname, expected.pathname);
  }
  if (expected.protocol !== 'http:' && expected.protocol !== 'https:') return false;
  return actual.origin === expected.origin;
}

/**
 * True when `frame` is exactly our window's main frame and shows the app's own page.
 *
 * @example isAppFrame(event.senderFrame, win.webContents.mainFrame, { entryUrl })
 */
export function isAppFrame(frame: FrameLike | null | undefined, mainFrame: FrameLike | null | undefined, page: AppPage): boolean {
  if (!frame || !mainFrame) return false;
  if (!isSameFrame(frame, mainFrame) || frame.parent !== null) return false;
  return isAppUrl(frame.url, page);
}

/** Thrown back to a refused sender; carries nothing about the app. */
export class IpcSenderRefusedError extends Error {
  constructor(channel: string) {
    super(`IPC refused on ${channel}: sender is not the app frame`);
    this.name = 'IpcSenderRefusedError';
  }
}

export type GuardedHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

export interface IpcGuard {
  /** Registers an invoke handler that runs only for messages from the app's own frame. */
  handleFromAppFrame(channel: string, handler: GuardedHandler): void;
}

/**
 * Builds the guard over Electron's ipcMain (or a fake) and the sender check.
 *
 * @example
 * const guard = createIpcGuard(ipcMain, (frame) => isAppFrame(frame, win.webContents.mainFrame, page));
 * guard.handleFromAppFrame('inson:invoke', (event, method, input) => bridge.call(...));
 */
export function createIpcGuard(
  ipcMain: Pick<IpcMain, 'handle'>,
  isAllowedSender: (frame: FrameLike | null | undefined) => boolean,
  onRefused: (channel: string) => void = () => {},
): IpcGuard {
  return {
    handleFromAppFrame(channel, handler) {
      ipcMain.handle(channel, (event, ...args: unknown[]) => {
        if (!isAllowedSender(event.senderFrame)) {
          onRefused(channel);
          throw new IpcSenderRefusedError(channel);
        }
        return handler(event, ...args);
      });
    },
  };
}
