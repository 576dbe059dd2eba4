import { describe, expect, it, vi } from 'vitest';
import type { WorkstationServiceOptions } from '../../src-main/services/createWorkstationService';

// Hoisted above the imports (like vi.mock), so node:events is imported inside.
const fakes = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  const order: string[] = [];
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const app = Object.assign(new EventEmitter(), {
    enableSandbox: vi.fn(() => order.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => ready),
    getAppPath: vi.fn(() => '/opt/qoq/resources/app.asar'),
    quit: vi.fn(),
  });
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn() },
      protocol: { handle: vi.fn() },
    },
  };
  class BrowserWindow {
    static created: BrowserWindow[] = [];
    webContents = { send: vi.fn(), isDestroyed: () => false };
    loadURL = vi.fn(async () => undefined);
    once = vi.fn();
    constructor(public options: unknown) {
      BrowserWindow.created.push(this);
    }
  }
  // A store that already holds studies: the first-launch demo import is skipped.
  const service = {
    api: { listStudies: vi.fn(async () => ({ studies: [], total: 1 })) },
    events: { on: vi.fn(() => () => undefined) },
    startImportWorkers: vi.fn(async () => undefined),
    close: vi.fn(async () => undefined),
  };
  return {
    order,
    resolveReady,
    app,
    session,
    BrowserWindow,
    service,
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(() => order.push('registerSchemes')) },
    createWorkstationService: vi.fn((_opts: WorkstationServiceOptions) => service),
  };
});

vi.mock('electron', () => ({
  app: fakes.app,
  session: fakes.session,
  BrowserWindow: fakes.BrowserWindow,
  ipcMain: fakes.ipcMain,
  protocol: fakes.protocol,
  utilityProcess: {},
  dialog: { showErrorBox: vi.fn() },
}));
vi.mock('../../src-main/services/createWorkstationService', () => ({
  createWorkstationService: fakes.createWorkstationService,
  // The real bounds are what the app must pass on; restated here so the test checks them.
  PARSE_WORKER_V8: { maxOldSpaceMb: 1024, maxSemiSpaceMb: 1 },
}));
const utilityProcessSpawner = vi.hoisted(() => vi.fn((_opts: unknown) => () => undefined));
vi.mock('../../src-main/electron/utilityProcessSpawner', () => ({ utilityProcessSpawner }));

await import('../../src-main/electron/main');

describe('main process lifecycle', () => {
  it('registers the app scheme and enables the sandbox before ready', () => {
    expect(fakes.order).toEqual(['registerSchemes', 'enableSandbox']);
    expect(fakes.app.listenerCount('web-contents-created')).toBe(1);
  });

  it('on ready: hardens the session, serves app://, starts the service, opens the window, bridges IPC', async () => {
    fakes.resolveReady();
    await vi.waitFor(() => expect(fakes.BrowserWindow.created).toHaveLength(1));
    const session = fakes.session.defaultSession;
    expect(session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(session.webRequest.onBeforeRequest).toHaveBeenCalled();
    expect(session.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(fakes.createWorkstationService).toHaveBeenCalledWith(
      expect.objectContaining({ dataDir: expect.any(String), spawnWorker: expect.any(Function) }),
    );
    // Parse workers in the app get the same V8 bounds as the CLI's (heap cap + small young generation).
    expect(utilityProcessSpawner).toHaveBeenCalledWith({ maxOldSpaceMb: 1024, maxSemiSpaceMb: 1 });
    expect(fakes.BrowserWindow.created[0]?.loadURL).toHaveBeenCalledWith('app://workstation/index.html');
    const options = fakes.BrowserWindow.created[0]?.options as { webPreferences: { preload: string } };
    expect(options.webPreferences.preload).toBe('/opt/qoq/resources/app.asar/out/preload/preload.cjs');
    expect(fakes.ipcMain.handle).toHaveBeenCalledWith('qoq:invoke', expect.any(Function));
    // The import's parse workers are started at launch, so the first import does not wait for them.
    expect(fakes.service.startImportWorkers).toHaveBeenCalledOnce();
  });

  it('starts inference, export and training as utility processes (child_process.fork needs the RunAsNode fuse)', async () => {
    const opts = fakes.createWorkstationService.mock.calls[0]![0];
    // Looked up when first needed, not at start-up: a missing bundle must fail that feature, not the app.
    expect(utilityProcessSpawner.mock.calls.map(([o]) => o)).toEqual([{ maxOldSpaceMb: 1024, maxSemiSpaceMb: 1 }]);
    await opts.spawnInference?.();
    await opts.spawnExport?.();
    expect(opts.spawnTrainer).toEqual(expect.any(Function));
    await opts.spawnTrainer?.();
    expect(utilityProcessSpawner.mock.calls.map(([o]) => o).slice(1)).toEqual([
      { maxOldSpaceMb: 4096, entry: 'inferenceWorkerMain' },
      { maxOldSpaceMb: 2048, entry: 'exportWorkerMain' },
      { maxOldSpaceMb: 4096, entry: 'trainWorkerMain' },
    ]);
  });

  it('closes the service before quitting, once', async () => {
    const event = { preventDefault: vi.fn() };
    fakes.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fakes.app.quit).toHaveBeenCalled());
    expect(fakes.service.close).toHaveBeenCalledOnce();
    expect(fakes.ipcMain.removeHandler).toHaveBeenCalledWith('qoq:invoke');
    const second = { preventDefault: vi.fn() };
    fakes.app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });
});
