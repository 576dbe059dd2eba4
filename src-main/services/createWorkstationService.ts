/**
 * The workstation's back end as one object: the service contract implemented over the local store and
 * the import pipeline. Hosts (Electron IPC, the loopback browser host, the CLI) wrap this; none of them
 * contains logic of its own. Plain Node: no Electron import, so it runs under tests and the CLI.
 */
import { EventEmitter } from 'node:events';
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventName, EventPayload, EventSource, OperationOutput, WorkstationApi } from '../contract/service';
import type { ImportReport } from '../contract/schemas';
import { ImportPoolKeeper } from '../import/importPoolKeeper';
import { ParseWorkerPool } from '../import/parseWorkerPool';
import { pixelVerificationFromEnv } from '../import/pixelVerificationSetting';
import { runImport } from '../import/runImport';
import { nodeWorkerSpawner, type WorkerSpawner } from '../import/workerSpawner';
import { DEFAULT_LIMITS, type ParseLimits } from '../parsing/types';
import { createPrefixFolders } from '../parsing/worker/objectStore';
import { InferenceProcess } from '../inference/InferenceProcess';
import type { InferenceReply } from '../inference/protocol';
import { listModelPackages } from '../ml/package/listModelPackages';
import { firstView } from '../../src-shared/hangingProtocol/firstView';
import { ActiveStudies } from './activeStudies';
import { analyzeStudy } from './analyzeStudy';
import { EXPORTS_FOLDER, exportStudies } from './exportStudies';
import { ExportProcess } from '../export/ExportProcess';
import type { ExportWorkerReply } from '../export/exportProtocol';
import { activeVocabulary } from './review/activeVocabulary';
import { createReviewOperations } from './review/createReviewOperations';
import { openStore } from '../store/openStore';
import { currentActor } from './dataDir';
import { storedFilePath, storedInstancePath, type StoredFileOut } from './instanceFiles';
import type { StoredFileKind } from '../store/storedFileQuery';
import { ServiceError } from './dispatch';
import { createTrainingService, type TrainingServiceOptions } from './trainingService';

export interface WorkstationServiceOptions {
  dataDir: string;
  /** Audit-log actor; defaults to QOQ_USER or the OS user. */
  actor?: string;
  /** Parse worker processes per import (default: one per core, at most 4). */
  workers?: number;
  /** How parse workers are started (Electron passes a utilityProcess spawner). */
  spawnWorker?: WorkerSpawner;
  /** How the inference process is started (Electron passes a utilityProcess spawner). */
  spawnInference?: () => Promise<WorkerSpawner<InferenceReply>>;
  /** How the export process is started (Electron passes a utilityProcess spawner). */
  spawnExport?: () => Promise<WorkerSpawner<ExportWorkerReply>>;
  /** How a training process is started, one per run (Electron passes a utilityProcess spawner). */
  spawnTrainer?: TrainingServiceOptions['spawnTrainer'];
  /** Parse limits; `pixelVerification` defaults to QOQ_PIXEL_VERIFICATION, else 'first-frame'. */
  limits?: Partial<ParseLimits>;
  /** Memory cap per parse worker (resident bytes). */
  workerMemoryCapBytes?: number;
  /** How long the import's parse workers are kept after the last import (default 5 minutes). */
  importWorkersIdleMs?: number;
  /** Folder of the model packages shipped with the app (the checkout's models/ by default). */
  bundledModelsDir?: string;
  /** The host's file/folder picker (Electron's dialog); absent elsewhere, where chooseImportFolder fails clearly. */
  chooseImportFolder?: () => Promise<OperationOutput<'chooseImportFolder'>>;
}

export interface WorkstationService {
  api: WorkstationApi;
  events: EventSource;
  dataDir: string;
  /** Filesystem type when the store is on a network filesystem (SQLite guarantees do not hold there). */
  networkFs: string | undefined;
  /**
   * Absolute path of the stored DICOM file of an instance, for the hosts' pixel routes; undefined for
   * unknown ids or a file that is no longer inside the store. Deliberately outside the contract.
   */
  getInstancePath(instanceId: number): string | undefined;
  /** The same for any viewable record: DICOM instances, photos and NIfTI volumes (with the type to serve). */
  getStoredFile(kind: StoredFileKind, id: number): StoredFileOut | undefined;
  /**
   * Imports files a host staged itself (the browser host's upload), exactly as importPaths does, but the
   * audit entry says where they came from — the uploaded names — instead of the staging folder, which the
   * host removes afterwards. Deliberately outside the contract: no client can name a staging folder.
   */
  importStaged(paths: string[], source: StagedImportSource): Promise<ImportReport>;
  /**
   * Starts the import's parse workers ahead of the first import; resolves when they are ready. The desktop
   * app and the browser host call it at launch; one-shot CLI commands do not (see ImportPoolKeeper).
   */
  startImportWorkers(): Promise<void>;
  close(): Promise<void>;
}

/** Where staged files came from, as the audit log records it. */
export interface StagedImportSource {
  readonly kind: 'upload';
  /** The files' names as the client sent them. */
  readonly names: readonly string[];
  /** The name a staged file is reported and recorded by (its staging copy is deleted after the import). */
  readonly nameOf: (stagedPath: string) => string;
}

/** Uploaded names kept in one audit entry; the count is always recorded. */
const AUDITED_UPLOAD_NAMES = 200;

/**
 * V8 bounds of a parse worker, for every spawner (Node fork here, Electron utility processes in the app):
 * the old-space cap turns a runaway allocation into that file's failure, and a 1 MB young generation
 * keeps dead file buffers from piling up between collections.
 */
export const PARSE_WORKER_V8 = { maxOldSpaceMb: 1024, maxSemiSpaceMb: 1 } as const;

/** Parse workers kept this long after the last import; then their memory goes back to the system. */
const IMPORT_WORKERS_IDLE_MS = 5 * 60_000;

export function createWorkstationService(opts: WorkstationServiceOptions): WorkstationService {
  const dataDir = path.resolve(opts.dataDir);
  const objectsDir = path.join(dataDir, 'objects');
  const stagingRoot = path.join(dataDir, 'staging');
  createPrefixFolders(objectsDir);
  const store = openStore(dataDir);
  const actor = opts.actor ?? currentActor();
  const fromEnv = pixelVerificationFromEnv();
  const limits: ParseLimits = { ...DEFAULT_LIMITS, ...(fromEnv ? { pixelVerification: fromEnv } : {}), ...opts.limits };
  const emitter = new EventEmitter();
  const activeExports = new Set<ExportProcess>();
  // One worker for on-demand reads of stored files (ECG samples for the reader), started on first use.
  let readerPool: Promise<ParseWorkerPool> | undefined;
  const makePool = async (size: number): Promise<ParseWorkerPool> =>
    new ParseWorkerPool({
      size,
      spawn: opts.spawnWorker ?? (await nodeWorkerSpawner(PARSE_WORKER_V8)),
      memoryCapBytes: opts.workerMemoryCapBytes ?? 3 * 1024 ** 3,
      // Generous for big compressed multi-frame objects on slow machines; a hang still ends.
      timeoutMs: (bytes) => 60_000 + bytes / 2_000,
    });
  const inference = new InferenceProcess(
    opts.spawnInference ?? (() => nodeWorkerSpawner<InferenceReply>({ maxOldSpaceMb: 4096, entry: 'inferenceWorkerMain' })),
  );
  // Packaged, models/ is unpacked beside app.asar: ONNX Runtime opens model files natively, where Electron's
  // asar redirection does not reach.
  const bundledModelsDir = opts.bundledModelsDir ?? fileURLToPath(new URL('../../models', import.meta.url)).replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');

  const emit = <K extends EventName>(event: K, payload: EventPayload<K>): void => {
    emitter.emit(event, payload);
  };

  // Bundled (read-only) packages first, then the site's own fine-tuned versions in the data folder.
  const listModels = () => listModelPackages([bundledModelsDir, path.join(dataDir, 'models')]);

  const activeStudies = new ActiveStudies();
  const review = createReviewOperations({
    store,
    actor,
    vocabulary: activeVocabulary(listModels),
    isAnalysing: (studyId) => activeStudies.has(studyId),
  });

  // Fine-tuning runs in its own processes; runs without a chosen folder live in <dataDir>/training.
  const training = createTrainingService({ dataDir, emit: (p) => emit('trainingProgress', p), spawnTrainer: opts.spawnTrainer });

  // The import's parse workers, kept between imports (ImportPoolKeeper says why).
  const importPool = new ImportPoolKeeper(
    () => makePool(opts.workers ?? Math.max(1, Math.min(4, os.availableParallelism()))),
    opts.importWorkersIdleMs ?? IMPORT_WORKERS_IDLE_MS,
  );

  /** One import job: runImport on the kept parse pool, and its audit entry (`auditedSource`: what the entry names). */
  async function auditedImport(paths: string[], auditedSource: Record<string, unknown>, nameOf?: (p: string) => string): Promise<ImportReport> {
    return importPool.use(async (pool) => {
      const report = await runImport({
        paths,
        sink: store,
        pool,
        objectsDir,
        stagingRoot,
        limits,
        onProgress: (p) => emit('importProgress', p),
        ...(nameOf ? { nameOf } : {}),
      });
      store.audit.append({
        actor,
        action: 'import',
        objectType: 'import-job',
        objectId: report.jobId,
        details: {
          ...auditedSource,
          imported: report.imported,
          skipped: report.skipped,
          rejected: report.rejected.length,
          notMedical: report.notMedical,
          countsByKind: report.countsByKind,
          studyIds: report.studyIds,
        },
      });
      return report;
    });
  }

  const api: WorkstationApi = {
    async importPaths({ paths }) {
      return auditedImport(paths, { paths });
    },

    async chooseImportFolder() {
      if (!opts.chooseImportFolder) {
        throw new ServiceError('choosing a folder needs the desktop app: not available in this host (type the paths, or drop files in the browser)');
      }
      return opts.chooseImportFolder();
    },

    async listStudies(query) {
      return store.listStudies(query);
    },

    async getStudy({ studyId }) {
      const detail = store.getStudy(studyId);
      if (!detail) throw new ServiceError(`no study with id ${studyId}`, 'not-found');
      store.audit.append({
        actor,
        action: 'study.view',
        objectType: 'study',
        objectId: detail.study.studyInstanceUid,
        details: { studyId },
      });
      return detail;
    },

    async getFirstImage({ studyId }) {
      const detail = store.getStudy(studyId);
      if (!detail) throw new ServiceError(`no study with id ${studyId}`, 'not-found');
      const first = firstView(detail.series);
      return {
        seriesId: first?.seriesId ?? null,
        view: first?.view ?? null,
        instance: first?.instance ? { id: first.instance.id, frames: first.instance.frames } : null,
      };
    },

    async getWaveform({ waveformId, startS = 0, durationS = 10 }) {
      const waveform = store.getWaveform(waveformId);
      if (!waveform) throw new ServiceError(`no waveform with id ${waveformId}`, 'not-found');
      readerPool ??= makePool(1);
      const pool = await readerPool;
      const record = await pool.readEcg(waveform.path, waveform.format, statSync(waveform.path).size, limits).catch((err: Error) => {
        throw new ServiceError(`cannot read the ECG: ${err.message}`, 'internal');
      });
      const rate = record.summary.samplingRateHz;
      const from = Math.min(Math.round(startS * rate), record.summary.samplesPerLead);
      const to = Math.min(from + Math.round(durationS * rate), record.summary.samplesPerLead);
      return {
        waveform,
        startS: from / rate,
        samplingRateHz: rate,
        // JSON has no NaN: gaps travel as null.
        leads: record.leads.map((l) => ({ name: l.name, samplesUv: Array.from(l.samplesUv.subarray(from, to), (v) => (Number.isFinite(v) ? v : null)) })),
      };
    },

    async getStructuredReport({ instanceId }) {
      const file = storedInstancePath(store, objectsDir, instanceId);
      if (!file) throw new ServiceError(`no instance with id ${instanceId}`, 'not-found');
      readerPool ??= makePool(1);
      const pool = await readerPool;
      // Parsed in a worker like any untrusted file; "not an SR" and damage come back as the reason.
      const document = await pool.readSr(file, statSync(file).size, limits).catch((err: Error) => {
        throw new ServiceError(`cannot read the structured report: ${err.message}`);
      });
      return { instanceId, ...document };
    },

    async listModels() {
      return { models: await listModels() };
    },

    analyzeStudy: (input) =>
      analyzeStudy(
        { store, inference, actor, listModels, onToken: (jobId, text) => emit('analysisToken', { jobId, text }), active: activeStudies },
        input,
      ),

    ...review,

    async startTraining(input) {
      const started = await training.startTraining(input);
      store.audit.append({ actor, action: 'training.start', objectType: 'training-run', objectId: started.jobId, details: { runDir: started.runDir, resume: input.resume === true, config: input.config ?? null } });
      return started;
    },
    cancelTraining: (input) => training.cancelTraining(input),
    listTrainingRuns: (input) => training.listTrainingRuns(input),

    async cancelAnalysis({ jobId }) {
      return { cancelled: inference.cancel(jobId) };
    },

    async exportStudies(input) {
      // A process per batch, ended with it: exports are rare and nothing should stay resident after one.
      const exporter = new ExportProcess(opts.spawnExport ?? (() => nodeWorkerSpawner<ExportWorkerReply>({ maxOldSpaceMb: 2048, entry: 'exportWorkerMain' })));
      activeExports.add(exporter);
      try {
        return await exportStudies({ store, actor, exportsRoot: path.join(dataDir, EXPORTS_FOLDER), render: (...args) => exporter.render(...args) }, input);
      } finally {
        activeExports.delete(exporter);
        exporter.close();
      }
    },

    async auditLog({ limit, offset }) {
      return { entries: store.audit.list({ limit: limit ?? 100, offset: offset ?? 0 }), verification: store.audit.verify() };
    },
  };

  const events: EventSource = {
    on(event, listener) {
      emitter.on(event, listener);
      return () => emitter.off(event, listener);
    },
  };

  return {
    api,
    events,
    dataDir,
    networkFs: store.networkFs,
    getInstancePath: (instanceId) => storedInstancePath(store, objectsDir, instanceId),
    getStoredFile: (kind, id) => storedFilePath(store, objectsDir, kind, id),
    startImportWorkers: () => importPool.prestart(),
    importStaged: (paths, source) =>
      auditedImport(paths, { source: source.kind, fileCount: source.names.length, names: source.names.slice(0, AUDITED_UPLOAD_NAMES) }, source.nameOf),
    async close() {
      await training.close();
      await importPool.close();
      for (const e of activeExports) e.close();
      if (readerPool) await (await readerPool).close();
      inference.close();
      store.close();
    },
  };
}
