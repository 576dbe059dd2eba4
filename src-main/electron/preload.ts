/**
 * Sandboxed preload: exposes exactly two functions as window.qoq and nothing of ipcRenderer itself,
 * so page script can reach no channel but the contract's. Arguments are type-checked here; the main
 * process validates them fully (the preload is not a security boundary against its own page).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
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
};

contextBridge.exposeInMainWorld('qoq', bridge);
