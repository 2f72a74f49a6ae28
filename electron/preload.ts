import { contextBridge, ipcRenderer } from 'electron';
import type { InsonBridge } from '../src/core/api/bridge';
import { createEventHub } from './bridge-events';
import { EVENT_CHANNEL, INVOKE_CHANNEL, UPDATE_CHANNEL } from './channels';

/**
 * The sandboxed preload: exposes exactly `window.inson` = { invoke, on, update } and nothing of Electron
 * or Node. Main checks every message's sender; the core validates every input.
 */
const hub = createEventHub();
ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown) => hub.emit(name));

const bridge = {
  invoke: (method, input) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input),
  on: (event, listener) => hub.on(event, listener),
  update: (message) => ipcRenderer.invoke(UPDATE_CHANNEL, message),
} satisfies InsonBridge;

contextBridge.exposeInMainWorld('inson', bridge);
