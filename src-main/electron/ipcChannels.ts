/**
 * The only two IPC channels between renderer and main. Shared by preload.ts and ipcBridge.ts so the
 * names cannot drift; the preload bundles this file in (sandboxed preloads cannot require app files).
 */
export const INVOKE_CHANNEL = 'qoq:invoke';
export const EVENT_CHANNEL = 'qoq:event';
