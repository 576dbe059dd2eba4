import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcBridgeOptions } from '../../src-main/electron/ipcBridge';
import type { EventPayload, WorkstationApi } from '../../src-main/contract/service';

vi.mock('electron', () => ({}));
const { registerIpcBridge, MAX_PAYLOAD_BYTES } = await import('../../src-main/electron/ipcBridge');

type Handler = (event: unknown, operation: unknown, input: unknown) => Promise<unknown>;

const emptyList = { studies: [], total: 0 };
const progress: EventPayload<'importProgress'> = {
  jobId: 'j1',
  phase: 'importing',
  done: 1,
  total: 2,
  imported: 1,
  skipped: 0,
  rejected: 0,
};

function appFrame(url = 'app://workstation/index.html', parent: unknown = null) {
  return { senderFrame: { url, parent } };
}

function setup(api: Partial<WorkstationApi> = {}) {
  let handler: Handler | undefined;
  const ipcMain = {
    handle: vi.fn((channel: string, h: Handler) => {
      expect(channel).toBe('qoq:invoke');
      handler = h;
    }),
    removeHandler: vi.fn(),
  };
  const eventListeners = new Map<string, (payload: unknown) => void>();
  const unsubscribe = vi.fn();
  const service = {
    api: { listStudies: vi.fn(async () => emptyList), ...api } as unknown as WorkstationApi,
    events: {
      on: vi.fn((event: string, listener: (payload: unknown) => void) => {
        eventListeners.set(event, listener);
        return unsubscribe;
      }),
    },
  };
  const target = { send: vi.fn(), isDestroyed: vi.fn(() => false) };
  const log = vi.fn();
  const dispose = registerIpcBridge({
    ipcMain: ipcMain as unknown as IpcBridgeOptions['ipcMain'],
    service: service as unknown as IpcBridgeOptions['service'],
    target,
    log,
  });
  const invoke = (event: unknown, operation: unknown, input: unknown) => handler!(event, operation, input);
  return { invoke, service, target, eventListeners, ipcMain, dispose, unsubscribe, log };
}

describe('ipcBridge', () => {
  let bridge: ReturnType<typeof setup>;
  beforeEach(() => {
    bridge = setup();
  });

  it('passes a valid call through to the service and returns its validated output', async () => {
    const result = await bridge.invoke(appFrame(), 'listStudies', { text: 'chest', sort: 'date' });
    expect(result).toEqual({ ok: true, result: emptyList });
    expect(bridge.service.api.listStudies).toHaveBeenCalledWith({ text: 'chest', sort: 'date' });
  });

  it.each([
    ['another origin', appFrame('https://evil.example/index.html')],
    ['another app host', appFrame('app://evil/index.html')],
    ['a file:// page', appFrame('file:///tmp/index.html')],
    ['a sub-frame', appFrame('app://workstation/index.html', {})],
    ['a destroyed frame', { senderFrame: null }],
  ])('refuses a call from %s', async (_name, event) => {
    const result = await bridge.invoke(event, 'listStudies', {});
    expect(result).toEqual({ ok: false, error: { message: 'refused: untrusted sender' } });
    expect(bridge.service.api.listStudies).not.toHaveBeenCalled();
  });

  it.each(['deleteEverything', '__proto__', 'constructor', 42, undefined])(
    'refuses the unknown operation %s',
    async (operation) => {
      const result = await bridge.invoke(appFrame(), operation, {});
      expect(result).toEqual({ ok: false, error: { message: 'refused: unknown operation' } });
    },
  );

  it('refuses an oversized payload before validating it', async () => {
    const result = await bridge.invoke(appFrame(), 'listStudies', { text: 'x'.repeat(MAX_PAYLOAD_BYTES) });
    expect(result).toEqual({ ok: false, error: { message: 'refused: payload too large' } });
    expect(bridge.service.api.listStudies).not.toHaveBeenCalled();
  });

  it.each([
    ['a wrong type', { limit: 'ten' }],
    ['an unknown key', { text: 'a', dropTables: true }],
    ['an out-of-range value', { limit: 1_000_000 }],
    ['not an object', 'SELECT *'],
  ])('refuses a schema-invalid input (%s)', async (_name, input) => {
    const result = (await bridge.invoke(appFrame(), 'listStudies', input)) as { ok: boolean; error: { message: string } };
    expect(result.ok).toBe(false);
    expect(result.error.message).toMatch(/^listStudies: invalid input/);
    expect(bridge.service.api.listStudies).not.toHaveBeenCalled();
  });

  it('does not pass output that breaks the contract to the renderer', async () => {
    const broken = setup({ listStudies: vi.fn(async () => ({ studies: 'nope' })) as never });
    const result = await broken.invoke(appFrame(), 'listStudies', {});
    expect(result).toEqual({ ok: false, error: { message: 'listStudies: internal error (invalid output)' } });
    expect(broken.log).toHaveBeenCalled();
  });

  it('turns a service error into an error envelope', async () => {
    const failing = setup({ getStudy: vi.fn(async () => Promise.reject(new Error('no study with id 7'))) });
    const result = await failing.invoke(appFrame(), 'getStudy', { studyId: 7 });
    expect(result).toEqual({ ok: false, error: { message: 'no study with id 7' } });
  });

  it('forwards contract events to the window on qoq:event, dropping malformed ones', () => {
    bridge.eventListeners.get('importProgress')?.(progress);
    bridge.eventListeners.get('importProgress')?.({ jobId: 1 });
    expect(bridge.target.send).toHaveBeenCalledExactlyOnceWith('qoq:event', {
      event: 'importProgress',
      payload: progress,
    });
  });

  it('stops forwarding when disposed', () => {
    bridge.dispose();
    expect(bridge.ipcMain.removeHandler).toHaveBeenCalledWith('qoq:invoke');
    expect(bridge.unsubscribe).toHaveBeenCalled();
  });
});
