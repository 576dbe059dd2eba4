/**
 * Electron main process: wires the hardened shell around the workstation service and manages the app
 * lifecycle. Everything security-relevant lives in the small modules imported here.
 */
import { app, dialog, ipcMain, session, type BrowserWindow } from 'electron';
import { createWorkstationService, PARSE_WORKER_V8 } from '../services/createWorkstationService';
import { resolveDataDir } from '../services/dataDir';
import { importDemoStudiesIfEmpty } from '../services/importDemoStudies';
import type { TrainerToParent } from '../training/trainProtocol';
import { APP_INDEX_URL } from './appOrigin';
import { registerAppScheme, serveAppProtocol } from './appProtocol';
import { bundlePaths } from './bundlePaths';
import { chooseImportFolderWith } from './chooseImportFolder';
import { createMainWindow } from './createMainWindow';
import { hardenSession } from './hardenSession';
import { hardenWebContents } from './hardenWebContents';
import { registerIpcBridge } from './ipcBridge';
import { utilityProcessSpawner } from './utilityProcessSpawner';

// Both must happen before 'ready': scheme privileges and the global sandbox are fixed at start-up.
registerAppScheme();
app.enableSandbox();

// One instance per user: two processes writing the same SQLite store and object folder is not safe.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start).catch(failToStart);
}

async function start(): Promise<void> {
  const { rendererDir, preloadPath } = bundlePaths();
  hardenSession(session.defaultSession);

  // The picker needs the window, which is created after the service (the demo import comes first).
  const windowRef: { current?: BrowserWindow } = {};
  // Same store as the CLI and the browser host (QOQ_DATA_DIR or the per-user application-data folder).
  const service = await createWorkstationService({
    chooseImportFolder: chooseImportFolderWith(dialog, () => windowRef.current),
    dataDir: resolveDataDir(),
    spawnWorker: utilityProcessSpawner(PARSE_WORKER_V8),
    spawnInference: async () => utilityProcessSpawner({ maxOldSpaceMb: 4096, entry: 'inferenceWorkerMain' }),
    spawnExport: async () => utilityProcessSpawner({ maxOldSpaceMb: 2048, entry: 'exportWorkerMain' }),
    // One utility process per run, its bundle looked up when the run starts (as for the two above), so a
    // missing bundle fails that run, not the app. 4096 MB is what `qoq train`'s Node child gets by
    // default on a 16 GB+ machine; weights, moments and ONNX Runtime's tensors live outside that heap.
    spawnTrainer: async () => utilityProcessSpawner<TrainerToParent>({ maxOldSpaceMb: 4096, entry: 'trainWorkerMain' })(),
  });
  // After the service exists: the app:// handler also serves stored DICOM files (the viewer's pixels).
  serveAppProtocol(
    session.defaultSession.protocol,
    rendererDir,
    (id) => service.getInstancePath(id),
    (kind, id) => service.getStoredFile(kind, id),
  );
  await importDemoStudiesIfEmpty(service);
  // Ready before the first import; a failure here is reported again by that import, with its files.
  service.startImportWorkers().catch((err: Error) => console.error(`qoq: import workers did not start: ${err.message}`));
  const mainWindow = createMainWindow(preloadPath);
  windowRef.current = mainWindow;
  const disposeBridge = registerIpcBridge({ ipcMain, service, target: mainWindow.webContents });

  app.on('second-instance', () => {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  closeServiceBeforeQuit(async () => {
    disposeBridge();
    await service.close();
  });
  console.info(`qoq: serving ${APP_INDEX_URL} from ${rendererDir}`);
}

/** A store that cannot open (disk full, read-only, locked) must say so, not leave a silent process. */
function failToStart(error: unknown): void {
  console.error('qoq: start-up failed', error);
  dialog.showErrorBox('QoQ Workstation could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}

/** Holds the quit until the store is closed cleanly (WAL checkpoint, workers stopped), once. */
function closeServiceBeforeQuit(close: () => Promise<void>): void {
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    close()
      .catch((error: unknown) => console.error('qoq: error while closing the service', error))
      .finally(() => app.quit());
  });
}
