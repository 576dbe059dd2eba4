/**
 * A small pool of sandboxed parse worker processes. One task per worker at a time, so a crash, a timeout
 * or a memory blow-up is attributed to exactly one file; that file is rejected with the reason and a fresh
 * worker takes the next task.
 */
import { readFileSync } from 'node:fs';
import type { EcgRecord, EcgSummary, ParseLimits } from '../parsing/types';
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
}

interface Slot {
  worker: WorkerHandle;
  ready: boolean;
  task?: { id: number; task: Task; timer: NodeJS.Timeout };
}

const MEMORY_POLL_MS = 200;

export class ParseWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextTaskId = 1;
  private closed = false;
  private readonly memoryTimer: NodeJS.Timeout;

  constructor(private readonly opts: PoolOptions) {
    for (let i = 0; i < opts.size; i++) this.slots.push(this.startSlot());
    this.memoryTimer = setInterval(() => this.enforceMemoryCap(), MEMORY_POLL_MS);
    this.memoryTimer.unref();
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
    for (const slot of this.slots) {
      if (slot.task) this.finish(slot, failed(slot.task.id, 'cancelled: the worker pool was closed'));
      slot.worker.kill();
    }
    for (const task of this.queue.splice(0)) task.resolve(failed(0, 'cancelled: the worker pool was closed'));
  }

  private startSlot(): Slot {
    const slot: Slot = { worker: this.opts.spawn(), ready: false };
    slot.worker.onMessage((msg: WorkerMessage) => {
      if (msg.type === 'ready') {
        slot.ready = true;
        this.pump();
      } else if (slot.task?.id === msg.taskId) {
        this.finish(slot, msg);
        this.pump();
      }
    });
    slot.worker.onExit((code, signal) => this.replace(slot, `parser process ended unexpectedly (${signal ?? `exit code ${code}`})`));
    return slot;
  }

  /** A worker died or was killed: fail its file, start a new worker in its place. */
  private replace(slot: Slot, reason: string): void {
    if (slot.task) this.finish(slot, failed(slot.task.id, reason));
    if (this.closed) return;
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots[index] = this.startSlot();
  }

  private finish(slot: Slot, response: WorkerReply): void {
    const current = slot.task;
    if (!current) return;
    clearTimeout(current.timer);
    slot.task = undefined;
    current.task.resolve({ ...response, taskId: current.id });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.task || this.queue.length === 0) continue;
      const task = this.queue.shift()!;
      const id = this.nextTaskId++;
      const timeout = this.opts.timeoutMs(task.sizeBytes);
      const timer = setTimeout(() => {
        const worker = slot.worker;
        this.finish(slot, failed(id, `parsing took longer than ${Math.round(timeout / 1000)} s and was stopped`));
        worker.kill();
      }, timeout);
      slot.task = { id, task, timer };
      slot.worker.send({ ...task.request, taskId: id });
    }
  }

  private enforceMemoryCap(): void {
    for (const slot of this.slots) {
      if (!slot.task) continue;
      const rss = residentBytes(slot.worker.pid);
      if (rss !== undefined && rss > this.opts.memoryCapBytes) {
        const mb = Math.round(this.opts.memoryCapBytes / 2 ** 20);
        this.finish(slot, failed(slot.task.id, `parser exceeded its ${mb} MB memory cap and was stopped`));
        slot.worker.kill();
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
