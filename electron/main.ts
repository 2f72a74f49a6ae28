import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, protocol, session, utilityProcess, type WebContents } from 'electron';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { defaultDataDir } from '../src/host/paths';
import type { BridgeEvent } from '../src/core/api/bridge';
import { createInvokeHandler } from './core-bridge';
import { startCoreHost, type CoreHost } from './core-host';
import { EVENT_CHANNEL, INVOKE_CHANNEL, UPDATE_CHANNEL } from './channels';
import { hotKeyEvent } from './hot-keys';
import { createIpcGuard, isAppFrame, isAppUrl, type AppPage } from './ipc-guard';
import { loadUpdateSettings } from '../src/host/update/update-settings';
import type { UpdateController } from '../src/host/update/update-controller';
import { startUpdater } from './updater';

/**
 * The main process: one window, the core in a utilityProcess, messages forwarded between them.
 * No domain logic lives here (DESIGN.md D5); the pieces with logic are small modules tested
 * without Electron (ipc-guard, core-bridge, hot-keys, bridge-events).
 */

// Same folder the CLI uses by default (src/host/paths.ts); the browser harness never opens it.
app.setPath('userData', defaultDataDir());

// Before `ready`, as Electron requires: app:// is a standard, secure origin of its own.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

const devServerUrl = typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' ? MAIN_WINDOW_VITE_DEV_SERVER_URL : '';
const rendererDir = join(__dirname, '..', 'renderer', MAIN_WINDOW_VITE_NAME);

/** The renderer: the Vite dev server under `electron-forge start`, app://inson/index.html otherwise. */
function appPage(): AppPage {
  return { entryUrl: devServerUrl !== '' ? devServerUrl : APP_ENTRY_URL };
}

let mainWindow: BrowserWindow | null = null;
let core: CoreHost | null = null;
let updates: UpdateController | null = null;

function sendBridgeEvent(contents: WebContents, name: BridgeEvent): void {
  if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, name);
}

/** Every web contents, present or future: no navigation away, no new windows, no webviews. */
function hardenContents(contents: WebContents, page: AppPage): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, page)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, page)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function createMainWindow(page: AppPage): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'INSON Center',
    backgroundColor: '#ffffff',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Middle-click would otherwise try to open links in new windows.
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
      // Reviewed: the preload exposes only window.inson = { invoke, on, update } (electron/preload.ts).
      preload: join(__dirname, 'preload.cjs'), // eng-disable PRELOAD_JS_CHECK
    },
  });
  const contents = window.webContents;
  const connectionId = String(contents.id);

  contents.on('before-input-event', (event, input) => {
    const name = hotKeyEvent(input, process.platform);
    if (!name) return;
    // Sent straight from the key event, before the renderer sees the key: quick hide blanks at once.
    event.preventDefault();
    sendBridgeEvent(contents, name);
  });
  contents.once('destroyed', () => {
    core?.bridge().disconnect(connectionId);
    updates?.forget(connectionId);
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(page.entryUrl);
  return window;
}

function start(): void {
  const page = appPage();

  app.on('web-contents-created', (_event, contents) => hardenContents(contents, page));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());

  app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir, (file) => readFile(file)));
    // Nothing in this app needs a camera, microphone, notifications, geolocation or devices.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    session.defaultSession.setDevicePermissionHandler(() => false);
    // The packaged app has no menu, so no reload or developer-tools accelerators either.
    if (app.isPackaged && process.platform !== 'darwin') Menu.setApplicationMenu(null);

    core = startCoreHost({
      modulePath: join(__dirname, 'core-process.cjs'),
      dataDir: app.getPath('userData'),
      appVersion: app.getVersion(),
      fork: (modulePath, args) => utilityProcess.fork(modulePath, args, { serviceName: 'INSON Center core' }),
      onGiveUp: (exitCode) => {
        console.error(JSON.stringify({ event: 'core.gaveUp', exitCode }));
        // Main has no locale files; the two languages most staff read.
        dialog.showErrorBox('INSON Center', 'Ilova yadrosi to‘xtadi. Dasturni qayta ishga tushiring.\nЯдро приложения остановилось. Перезапустите программу.');
        app.quit();
      },
    });
    mainWindow = createMainWindow(page);
    const window = mainWindow;

    const guard = createIpcGuard(
      ipcMain,
      (frame) => isAppFrame(frame, window.isDestroyed() ? null : window.webContents.mainFrame, page),
      (channel) => console.error(JSON.stringify({ event: 'ipc.refused', channel })),
    );
    const activeCore = core;
    guard.handleFromAppFrame(INVOKE_CHANNEL, createInvokeHandler(() => activeCore.bridge()));

    // Updates from the agency's server (resources/app-update.yml, INSON_UPDATE_URL …: src/host/update/update-settings.ts); off without one.
    const updateSettings = app.isPackaged ? loadUpdateSettings(process.env, process.resourcesPath) : null;
    if (updateSettings) {
      updates = startUpdater({
        settings: updateSettings,
        runningVersion: app.getVersion(),
        configDir: app.getPath('userData'),
        // The registry's number for this center (system.info, once enrolled and unlocked), else the build's INSON_CENTER_ID.
        centerId: async () => {
          const outcome = await activeCore.bridge().call('updater', 'system.info', {});
          const fromCore = outcome.ok ? (outcome.result as { registryCenterId?: unknown }).registryCenterId : null;
          return typeof fromCore === 'string' && fromCore !== '' ? fromCore : updateSettings.centerId;
        },
        notifyReady: () => {
          for (const each of BrowserWindow.getAllWindows()) sendBridgeEvent(each.webContents, 'updateReady');
        },
        log: (event) => console.error(JSON.stringify(event)),
      });
    }
    const activeUpdates = updates;
    guard.handleFromAppFrame(UPDATE_CHANNEL, (event, message) => (activeUpdates ? activeUpdates.handleMessage(String(event.sender.id), message) : { kind: 'nothingReady' }));

    // Leaving the desk: the session locks when the computer locks or sleeps.
    const lockAll = () => {
      for (const each of BrowserWindow.getAllWindows()) sendBridgeEvent(each.webContents, 'lock');
    };
    powerMonitor.on('lock-screen', lockAll);
    powerMonitor.on('suspend', lockAll);
  }, (error: unknown) => {
    console.error(JSON.stringify({ event: 'app.startFailed', errorName: error instanceof Error ? error.name : typeof error }));
    app.quit();
  });

  app.on('will-quit', (event) => {
    if (!core || core.hasExited()) return;
    // Let the core close the database cleanly, then quit for real.
    event.preventDefault();
    void core.shutdown().then(() => app.quit());
  });
}

if (app.requestSingleInstanceLock()) {
  start();
} else {
  app.quit();
}
