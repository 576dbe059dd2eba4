/**
 * Local fine-tuning as service operations (startTraining, cancelTraining, listTrainingRuns) and the
 * `trainingProgress` event. The UI (through the hosts) and `qoq train` call these same functions.
 *
 * Training runs in its own process (trainWorkerMain → runTrainingJob; a Node child from forkTrainer, or an
 * Electron utility process in the app), so a crash or out-of-memory in the native runtime fails that run,
 * never the app. This side validates everything first (config against the trainer's schema, the data file,
 * the run folder) so a mistake is refused before any process starts; then it streams the child's metric
 * records into metrics.jsonl, the run's state file and progress events. Cancel asks the child to stop
 * after the current step; the trainer then checkpoints, and startTraining({runDir, resume: true})
 * continues the run.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TrainingProgress, TrainingRun } from '../contract/trainingSchemas';
import type { OperationInput, OperationOutput } from '../contract/service';
import { committedFolder } from '../ml/train/index.js';
import { forkTrainer } from '../training/forkTrainer';
import { JobConfigError, parseJobConfig, type JobConfig } from '../training/jobConfig';
import { RUN_FILES } from '../training/runFolder';
import type { JobResult } from '../training/runTrainingJob';
import { readTrainingData, TrainingDataError } from '../training/trainingData';
import type { ParentToTrainer, TrainerToParent } from '../training/trainProtocol';
import type { WorkerHandle } from '../import/workerSpawner';
import { ServiceError } from './dispatch';
import { ProgressAssembler } from './trainingProgress';
import { readRunState, writeRunState, type RunStateFile } from './trainingRunState';
import { listTrainingRuns, TRAINING_FOLDER } from './trainingRuns';

export interface TrainingServiceOptions {
  /** Runs without an explicit folder go to `<dataDir>/training/<id>`; listTrainingRuns lists those. */
  readonly dataDir: string;
  readonly emit: (event: TrainingProgress) => void;
  /**
   * Starts the training process. Default: a Node child process (forkTrainer). Electron, whose release fuses
   * disable RunAsNode (so child_process.fork cannot start Node there), passes a utilityProcess spawner.
   */
  readonly spawnTrainer?: () => Promise<WorkerHandle<TrainerToParent>>;
}

/** How a run ended (not part of the contract: the CLI waits on it; the UI follows the events). */
export interface TrainingOutcome {
  readonly state: 'finished' | 'cancelled' | 'failed';
  readonly step: number;
  readonly totalSteps: number;
  readonly runDir: string;
  readonly checkpointDir: string;
  readonly metricsFile: string;
  readonly error?: string;
}

export interface TrainingService {
  startTraining(input: OperationInput<'startTraining'>): Promise<OperationOutput<'startTraining'>>;
  cancelTraining(input: OperationInput<'cancelTraining'>): Promise<OperationOutput<'cancelTraining'>>;
  listTrainingRuns(input: OperationInput<'listTrainingRuns'>): Promise<OperationOutput<'listTrainingRuns'>>;
  /** Resolves when the job ends; rejects for an unknown job id. */
  waitForTraining(jobId: string): Promise<TrainingOutcome>;
  /** Ends the child at once (a second Ctrl-C): the last committed checkpoint stays loadable. */
  killTraining(jobId: string): boolean;
  /** Cancels every running job and waits (bounded) for them to checkpoint and end. */
  close(): Promise<void>;
}

interface ActiveRun {
  readonly runDir: string;
  readonly child: WorkerHandle<TrainerToParent>;
  readonly done: Promise<TrainingOutcome>;
}

/** How long close() waits for cancelled runs to checkpoint before ending their processes. */
const CLOSE_GRACE_MS = 30_000;
/** The state file is rewritten at most this often during steps (and always on phase changes). */
const STATE_WRITE_INTERVAL_MS = 1_000;

export function createTrainingService(o: TrainingServiceOptions): TrainingService {
  const active = new Map<string, ActiveRun>();
  const spawn = o.spawnTrainer ?? forkedTrainer;
  // Run folders between the checks and the child's start: a second start of the same folder must wait its turn.
  const starting = new Set<string>();
  const isActive = (runDir: string): boolean => starting.has(path.resolve(runDir)) || [...active.values()].some((r) => r.runDir === path.resolve(runDir));

  async function startTraining(input: OperationInput<'startTraining'>): Promise<OperationOutput<'startTraining'>> {
    const resume = input.resume === true;
    const job = validatedJob(input, o.dataDir);
    const jobId = randomUUID();
    const runDir = path.resolve(input.runDir ?? path.join(o.dataDir, TRAINING_FOLDER, runFolderName(job, jobId)));
    const checkpointDir = path.join(runDir, RUN_FILES.checkpoint);
    if (isActive(runDir)) throw new ServiceError(`${runDir} is being trained right now`);
    if (resume && committedFolder(checkpointDir) === null) throw new ServiceError(`cannot resume: no checkpoint in ${checkpointDir}`);
    if (!resume && committedFolder(checkpointDir) !== null) {
      throw new ServiceError(`${runDir} already holds a run; resume it or choose another run folder`);
    }

    let child: WorkerHandle<TrainerToParent>;
    starting.add(runDir);
    try {
      child = await spawn();
    } catch (err) {
      throw new ServiceError(`cannot start the training process: ${(err as Error).message}`, 'internal');
    } finally {
      starting.delete(runDir);
    }
    mkdirSync(runDir, { recursive: true });
    const metricsFile = path.join(runDir, RUN_FILES.metrics);
    if (!resume || !existsSync(metricsFile)) writeFileSync(metricsFile, '');

    const kind: RunStateFile['kind'] = job.kind === 'sft' ? 'sft' : job.advantage;
    const now = (): string => new Date().toISOString();
    // A resumed run starts from where its state file left off, so listings never show it back at 0.
    const previous = resume ? readRunState(runDir) : null;
    const state: RunStateFile = { jobId, state: 'running', kind, step: previous?.step ?? 0, totalSteps: job.steps, startedAt: now(), updatedAt: now(), lastMetrics: previous?.lastMetrics ?? null };
    let lastStateWrite = 0;
    const saveState = (force: boolean): void => {
      if (!force && Date.now() - lastStateWrite < STATE_WRITE_INTERVAL_MS) return;
      lastStateWrite = Date.now();
      state.updatedAt = now();
      writeRunState(runDir, state);
    };
    saveState(true);

    const base = { jobId, runDir, totalSteps: job.steps };
    const send = (event: TrainingProgress): void => {
      if (event.step > state.step) state.step = event.step;
      if (event.metrics) state.lastMetrics = event.metrics;
      o.emit(event);
    };
    const assembler = new ProgressAssembler(base, send);
    let result: JobResult | null = null;
    let failure: string | null = null;
    child.onMessage((message) => {
      switch (message.type) {
        case 'status':
          assembler.flush();
          send({ ...base, phase: 'status', step: state.step, message: message.text });
          break;
        case 'metrics':
          appendFileSync(metricsFile, `${JSON.stringify(message.record)}\n`);
          assembler.feed(message.record);
          saveState(message.record.type === 'checkpoint');
          break;
        case 'done':
          result = message.result;
          break;
        case 'failed':
          failure = message.message;
          break;
      }
    });

    const done = new Promise<TrainingOutcome>((resolve) => {
      let settled = false;
      const finish = (exitNote: string): void => {
        if (settled) return;
        settled = true;
        active.delete(jobId);
        assembler.flush();
        const r = result as JobResult | null;
        const outcome: TrainingOutcome =
          r !== null
            ? { state: r.cancelled ? 'cancelled' : 'finished', step: r.step, totalSteps: r.steps, runDir, checkpointDir: r.checkpointDir, metricsFile }
            : { state: 'failed', step: state.step, totalSteps: job.steps, runDir, checkpointDir, metricsFile, error: failure ?? `the training process ended without a result (${exitNote})` };
        state.state = outcome.state;
        state.step = outcome.step;
        if (outcome.error) state.error = outcome.error;
        else delete state.error;
        saveState(true);
        o.emit({ ...base, phase: outcome.state, step: outcome.step, ...(outcome.error ? { message: outcome.error } : {}) });
        resolve(outcome);
      };
      child.onExit((code, signal) => finish(signal ? `signal ${signal}` : `exit code ${code}`));
    });
    active.set(jobId, { runDir, child, done });

    o.emit({ ...base, phase: 'started', step: state.step });
    const start: ParentToTrainer = { type: 'start', job, out: runDir, resume };
    child.send(start);
    return { jobId, runDir };
  }

  return {
    startTraining,
    async cancelTraining({ jobId }) {
      const run = active.get(jobId);
      if (!run) return { cancelled: false };
      run.child.send({ type: 'cancel' } satisfies ParentToTrainer);
      return { cancelled: true };
    },
    async listTrainingRuns() {
      const runs: TrainingRun[] = listTrainingRuns(o.dataDir, isActive);
      return { runs };
    },
    waitForTraining(jobId) {
      const run = active.get(jobId);
      return run ? run.done : Promise.reject(new ServiceError(`no running training job ${jobId}`, 'not-found'));
    },
    killTraining(jobId) {
      const run = active.get(jobId);
      if (!run) return false;
      run.child.kill();
      return true;
    },
    async close() {
      const runs = [...active.values()];
      for (const run of runs) run.child.send({ type: 'cancel' } satisfies ParentToTrainer);
      await Promise.all(
        runs.map(async (run) => {
          const timer = setTimeout(() => run.child.kill(), CLOSE_GRACE_MS);
          await run.done;
          clearTimeout(timer);
        }),
      );
    },
  };
}

/** forkTrainer's Node child process behind the WorkerHandle interface the other spawners share. */
async function forkedTrainer(): Promise<WorkerHandle<TrainerToParent>> {
  const child = await forkTrainer();
  return {
    pid: child.pid,
    send: (m) => {
      if (child.connected) child.send(m as object);
    },
    onMessage: (listener) => child.on('message', (m: TrainerToParent) => listener(m)),
    // 'error' without 'exit' (the process could not be started) ends the job as well.
    onExit: (listener) => {
      child.on('exit', (code, signal) => listener(code, signal));
      child.on('error', (err) => listener(null, `error: ${err.message}`));
    },
    kill: () => child.kill('SIGKILL'),
  };
}

/**
 * The job to run: the given config validated against the trainer's schema (relative paths resolved
 * against configDir, else the data folder), or on resume without a config the run's own job.json.
 * The data file is read here too, so a bad record is reported with its line before anything starts.
 */
function validatedJob(input: OperationInput<'startTraining'>, dataDir: string): JobConfig {
  let raw: unknown = input.config;
  let baseDir = path.resolve(input.configDir ?? dataDir);
  if (raw === undefined) {
    const jobFile = path.join(path.resolve(input.runDir as string), RUN_FILES.job);
    try {
      raw = JSON.parse(readFileSync(jobFile, 'utf8'));
    } catch (err) {
      throw new ServiceError(`cannot resume: cannot read ${jobFile}: ${(err as Error).message}`);
    }
    baseDir = path.dirname(jobFile);
  }
  let job: JobConfig;
  try {
    job = parseJobConfig(raw, baseDir, 'invalid training config');
    const missing = readTrainingData(job.data).find((r) => job.kind === 'sft' && r.response === undefined);
    if (missing) throw new TrainingDataError(`${job.data}: SFT needs a response in every record; '${missing.id}' has none`);
  } catch (err) {
    if (err instanceof JobConfigError || err instanceof TrainingDataError) throw new ServiceError(err.message);
    throw err;
  }
  return job;
}

/** Sortable and recognisable: `2026-11-25T18-40-12-sft-1a2b3c4d`. */
function runFolderName(job: JobConfig, jobId: string): string {
  const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
  return `${stamp}-${job.kind === 'sft' ? 'sft' : job.advantage}-${jobId.slice(0, 8)}`;
}
