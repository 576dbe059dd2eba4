import { describe, expect, it, vi } from 'vitest';
import type { QoqBridge } from '../../src-main/contract/client';

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) },
    ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, result: 1 })), on: vi.fn(), removeListener: vi.fn() },
    // Electron answers '' for a File that did not come from disk (e.g. one made by page script).
    webUtils: { getPathForFile: vi.fn((file: { diskPath?: string }) => file.diskPath ?? '') },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer, webUtils: electron.webUtils }));
await import('../../src-main/electron/preload');

const qoq = electron.exposed.get('qoq') as QoqBridge;

describe('preload', () => {
  it('exposes exactly invoke, on and pathsForFiles as window.qoq, and nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['qoq']);
    expect(Object.keys(qoq).sort()).toEqual(['invoke', 'on', 'pathsForFiles']);
    expect(Object.values(qoq)).not.toContain(electron.webUtils);
    expect(Object.values(qoq)).not.toContain(electron.webUtils.getPathForFile);
    expect(typeof qoq.invoke).toBe('function');
    expect(typeof qoq.on).toBe('function');
    expect(Object.values(qoq)).not.toContain(electron.ipcRenderer);
  });

  it('invoke goes only to qoq:invoke', async () => {
    await qoq.invoke('listStudies', { text: 'a' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('qoq:invoke', 'listStudies', { text: 'a' });
    await expect(qoq.invoke(42 as unknown as string, {})).rejects.toThrow(TypeError);
  });

  it('on listens to qoq:event for one event name and unsubscribes', () => {
    const listener = vi.fn();
    const off = qoq.on('importProgress', listener);
    const [channel, handler] = electron.ipcRenderer.on.mock.calls[0] as unknown as [string, (e: unknown, m: unknown) => void];
    expect(channel).toBe('qoq:event');
    handler({ sender: 'secret' }, { event: 'importProgress', payload: { done: 1 } });
    handler({}, { event: 'other', payload: {} });
    // The raw IpcRendererEvent (with its sender) never reaches page code.
    expect(listener).toHaveBeenCalledExactlyOnceWith({ done: 1 });
    off();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('qoq:event', handler);
  });

  it('pathsForFiles maps dropped files to their paths with webUtils and leaves out files without one', () => {
    const dropped = [{ diskPath: '/scans/ct' }, { name: 'made-by-script.dcm' }, { diskPath: '/scans/a.dcm' }];
    expect(qoq.pathsForFiles(dropped)).toEqual(['/scans/ct', '/scans/a.dcm']);
    expect(electron.webUtils.getPathForFile).toHaveBeenCalledTimes(3);
    expect(() => qoq.pathsForFiles('not a list' as unknown as unknown[])).toThrow(TypeError);
  });
});
