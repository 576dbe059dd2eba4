/**
 * Sandboxed preload: exposes exactly three functions as window.qoq and nothing of ipcRenderer itself,
 * so page script can reach no channel but the contract's. Arguments are type-checked here; the main
 * process validates them fully (the preload is not a security boundary against its own page).
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { QoqBridge } from '../contract/client';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipcChannels';

const bridge: QoqBridge = {
  invoke(operation, input) {
    if (typeof operation !== 'string') return Promise.reject(new TypeError('operation must be a string'));
    return ipcRenderer.invoke(INVOKE_CHANNEL, operation, input);
  },
  on(event, listener) {
    if (typeof event !== 'string' || typeof listener !== 'function') {
      throw new TypeError('on(event: string, listener: function)');
    }
    const handler = (_event: IpcRendererEvent, message: { event?: unknown; payload?: unknown }): void => {
      if (message?.event === event) listener(message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
  // Chromium no longer gives page script the path of a dropped file; Electron's webUtils does, in the
  // preload only. The page gets paths of files the user dropped, nothing it could not see otherwise.
  pathsForFiles(files) {
    if (!Array.isArray(files)) throw new TypeError('pathsForFiles(files: File[])');
    // A File made by page script (not dropped from disk) has no path: getPathForFile answers ''.
    return files.map((file) => webUtils.getPathForFile(file as Parameters<typeof webUtils.getPathForFile>[0])).filter((p) => p !== '');
  },
};

contextBridge.exposeInMainWorld('qoq', bridge);
