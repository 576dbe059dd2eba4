/**
 * A small pool of sandboxed parse worker processes.
 *
 * Each worker is sent its next file before it answers the current one (at most `PIPELINE_DEPTH` files in
 * flight), so it never sits idle while the main process is busy committing a batch or is waiting for a
 * core. A worker runs its files strictly in order, so the oldest unanswered file is the one it is
 * working on: its timeout runs, and its memory is watched, from the moment the previous answer is read.
 * A crash, a timeout or a memory blow-up with one file in flight rejects that file with the reason, as
 * before. With more than one in flight, the one to blame is not certain (the worker may have finished the
 * oldest and its answer still be unread), so every file it held is sent again, each alone in a worker,
 * and only a file that fails alone is rejected; a fresh worker takes each failed one's place.
 */
import { readFileSync } from 'node:fs';
import type { EcgRecord, EcgSummary, ParseLimits } from '../parsing/types';
import type { SrDocument } from '../parsing/dicom/readSrDocument';
import type { ParseResponse, WorkerMessage, WorkerReply, WorkerRequest } from '../parsing/worker/protocol';
import type { WorkerHandle, WorkerSpawner } from './workerSpawner';

export interface PoolOptions {
  size: number;
  spawn: WorkerSpawner;
  /** Resident memory allowed per worker; above it the worker is killed and its file rejected. */
  memoryCapBytes: number;
  /** Time allowed for one file, given its size. */
  timeoutMs: (fileBytes: number) => number;
}

/** A request without its task id (the pool assigns one). */
type TaskRequest = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'taskId'> : never) : never;

interface Task {
  request: TaskRequest;
  sizeBytes: number;
  resolve: (r: WorkerReply) => void;
  /** Runs alone in its worker: it was in flight with others when their worker failed. */
  alone?: boolean;
}

interface Slot {
  worker: WorkerHandle;
  ready: boolean;
  /** Tasks sent and not yet answered, oldest (the one running) first. */
  inFlight: { id: number; task: Task }[];
  /** Timeout of the oldest task in flight. */
  timer?: NodeJS.Timeout;
}

const MEMORY_POLL_MS = 200;
/**
 * Files sent to one worker ahead of its answers. The main process commits a batch of 64 objects at a time
 * (≈ 15–25 ms with the WAL fsync), and reads no answers meanwhile; at ≈ 1.5 ms a file, a worker holding
 * only the next file sat idle for most of every commit (15 % of its wall time in a profile). Eight keep it
 * busy through one; the cost is that more files are re-run alone after a crash (see `fail`).
 * Measured with `BENCH_FILES=3000 npm run bench:import`, docs/benchmarks.md (sixth round).
 */
export const PIPELINE_DEPTH = 8;

export class ParseWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextTaskId = 1;
  private closed = false;
  private readonly memoryTimer: NodeJS.Timeout;
  private readyWaiters: (() => void)[] = [];

  constructor(private readonly opts: PoolOptions) {
    for (let i = 0; i < opts.size; i++) this.slots.push(this.startSlot());
    this.memoryTimer = setInterval(() => this.enforceMemoryCap(), MEMORY_POLL_MS);
    this.memoryTimer.unref();
  }

  /** Resolves once every worker has started and said it is ready (at once when they all are). */
  whenReady(): Promise<void> {
    if (this.closed || this.slots.every((s) => s.ready)) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Files the workers can hold at once; keeping this many submitted keeps every worker busy. */
  get capacity(): number {
    return this.opts.size * PIPELINE_DEPTH;
  }

  /** Parses one file in a worker. Never rejects: every failure comes back as a 'rejected' outcome. */
  async parse(path: string, sizeBytes: number, objectsDir: string, limits: ParseLimits): Promise<ParseResponse> {
    const reply = await this.submit({ type: 'parse', path, objectsDir, limits }, sizeBytes);
    if (reply.type === 'result') return reply;
    return { type: 'result', taskId: reply.taskId, outcome: { status: 'rejected', reason: reply.type === 'failed' ? reply.reason : 'unexpected worker reply' } };
  }

  /** Decodes a stored ECG in a worker; rejects with the reason when it cannot be read. */
  async readEcg(path: string, format: EcgSummary['format'], sizeBytes: number, limits: ParseLimits): Promise<EcgRecord> {
    const reply = await this.submit({ type: 'read-ecg', path, format, limits }, sizeBytes);
    if (reply.type === 'ecg') return reply.record;
    throw new Error(reply.type === 'failed' ? reply.reason : 'unexpected worker reply');
  }

  /** Reads a stored DICOM SR's content tree in a worker; rejects with the reason when it cannot be read. */
  async readSr(path: string, sizeBytes: number, limits: ParseLimits): Promise<SrDocument> {
    const reply = await this.submit({ type: 'read-sr', path, limits }, sizeBytes);
    if (reply.type === 'sr') return reply.document;
    throw new Error(reply.type === 'failed' ? reply.reason : 'unexpected worker reply');
  }

  private submit(request: TaskRequest, sizeBytes: number): Promise<WorkerReply> {
    if (this.closed) return Promise.reject(new Error('parse worker pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ request, sizeBytes, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.memoryTimer);
    for (const resolve of this.readyWaiters.splice(0)) resolve();
    for (const slot of this.slots) {
      clearTimeout(slot.timer);
      for (const { id, task } of slot.inFlight.splice(0)) task.resolve(failed(id, 'cancelled: the worker pool was closed'));
      slot.worker.kill();
    }
    for (const task of this.queue.splice(0)) task.resolve(failed(0, 'cancelled: the worker pool was closed'));
  }

  private startSlot(): Slot {
    const slot: Slot = { worker: this.opts.spawn(), ready: false, inFlight: [] };
    slot.worker.onMessage((msg: WorkerMessage) => {
      if (msg.type === 'ready') {
        slot.ready = true;
        if (this.slots.every((s) => s.ready)) for (const resolve of this.readyWaiters.splice(0)) resolve();
        this.pump();
      } else if (slot.inFlight[0]?.id === msg.taskId) {
        this.answerOldest(slot, msg);
        this.pump();
      }
    });
    slot.worker.onExit((code, signal) => this.fail(slot, `parser process ended unexpectedly (${signal ?? `exit code ${code}`})`, false));
    return slot;
  }

  /** The worker answered its oldest task: resolve it, and start the clock of the next one it holds. */
  private answerOldest(slot: Slot, response: WorkerReply): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    const oldest = slot.inFlight.shift();
    if (!oldest) return;
    oldest.task.resolve({ ...response, taskId: oldest.id });
    this.startClock(slot);
  }

  private startClock(slot: Slot): void {
    const oldest = slot.inFlight[0];
    if (!oldest) return;
    const timeout = this.opts.timeoutMs(oldest.task.sizeBytes);
    slot.timer = setTimeout(() => {
      this.fail(slot, `parsing took longer than ${Math.round(timeout / 1000)} s and was stopped`, true);
    }, timeout);
  }

  /**
   * A worker crashed, timed out or outgrew its memory cap. Alone, its task is rejected with `reason`;
   * with others in flight, all of them go back to the front of the queue, each to run alone. The worker
   * is killed (when `kill`) and a fresh one takes its place.
   */
  private fail(slot: Slot, reason: string, kill: boolean): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return; // already replaced: a kill's exit event arriving late
    clearTimeout(slot.timer);
    slot.timer = undefined;
    const held = slot.inFlight.splice(0);
    if (held.length === 1) held[0]!.task.resolve(failed(held[0]!.id, reason));
    else this.queue.unshift(...held.map(({ task }) => ({ ...task, alone: true })));
    if (kill) slot.worker.kill();
    if (this.closed) {
      for (const task of this.queue.splice(0)) task.resolve(failed(0, 'cancelled: the worker pool was closed'));
      return;
    }
    this.slots[index] = this.startSlot();
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      while (slot.ready && this.queue.length > 0 && slot.inFlight.length < PIPELINE_DEPTH) {
        const next = this.queue[0]!;
        const held = slot.inFlight[0];
        // A task under suspicion runs in an empty worker, and nothing is queued behind it.
        if (held && (held.task.alone || next.alone)) break;
        this.queue.shift();
        const id = this.nextTaskId++;
        slot.inFlight.push({ id, task: next });
        if (slot.inFlight.length === 1) this.startClock(slot);
        slot.worker.send({ ...next.request, taskId: id });
      }
    }
  }

  private enforceMemoryCap(): void {
    for (const slot of this.slots) {
      if (slot.inFlight.length === 0) continue;
      const rss = residentBytes(slot.worker.pid);
      if (rss !== undefined && rss > this.opts.memoryCapBytes) {
        const mb = Math.round(this.opts.memoryCapBytes / 2 ** 20);
        this.fail(slot, `parser exceeded its ${mb} MB memory cap and was stopped`, true);
      }
    }
  }
}

function failed(taskId: number, reason: string): WorkerReply {
  return { type: 'failed', taskId, reason };
}

/** Resident set size of a process (Linux /proc); undefined elsewhere, where the V8 heap cap still applies. */
function residentBytes(pid: number | undefined): number | undefined {
  if (pid === undefined || process.platform !== 'linux') return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'latin1');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
