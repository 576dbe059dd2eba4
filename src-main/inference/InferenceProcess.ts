import type { WorkerHandle, WorkerSpawner } from '../import/workerSpawner';
import type { AnalyzeRequest, InferenceOutput, InferenceReply } from './protocol';

interface Job {
  resolve: (o: InferenceOutput) => void;
  reject: (e: Error) => void;
  onToken: (text: string) => void;
  killTimer?: NodeJS.Timeout;
}

/** How long a cancelled job may take to stop by itself before its process is ended. */
const CANCEL_GRACE_MS = 3_000;

/**
 * The main process's handle on the inference process: starts it on first use, routes streamed tokens,
 * and turns a crash into a failed job (the next request starts a fresh process). Cancellation first asks
 * the process to stop after the current decoding step; if a single ONNX call is stuck, the process is
 * killed after a grace period (ORT's JS API cannot abort a run in flight).
 */
export class InferenceProcess {
  private worker: WorkerHandle<InferenceReply> | undefined;
  private ready: Promise<void> | undefined;
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly spawn: () => Promise<WorkerSpawner<InferenceReply>>) {}

  async analyze(req: Omit<AnalyzeRequest, 'type'>, onToken: (text: string) => void): Promise<InferenceOutput> {
    const worker = await this.start();
    return new Promise<InferenceOutput>((resolve, reject) => {
      this.jobs.set(req.jobId, { resolve, reject, onToken });
      worker.send({ type: 'analyze', ...req });
    });
  }

  /** True when the job was running (it then ends with finishReason 'cancelled', or is killed). */
  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || !this.worker) return false;
    this.worker.send({ type: 'cancel', jobId });
    job.killTimer = setTimeout(() => this.worker?.kill(), CANCEL_GRACE_MS);
    return true;
  }

  close(): void {
    this.worker?.kill();
    this.worker = undefined;
    this.ready = undefined;
  }

  private start(): Promise<WorkerHandle<InferenceReply>> {
    if (!this.ready) {
      this.ready = this.spawn().then(
        (spawn) =>
          new Promise<void>((resolve) => {
            const worker = spawn();
            this.worker = worker;
            worker.onMessage((m) => (m.type === 'ready' ? resolve() : this.route(m)));
            worker.onExit((code, signal) => this.crashed(worker, `the inference process ended unexpectedly (${signal ?? `exit code ${code}`})`));
          }),
      );
    }
    return this.ready.then(() => this.worker!);
  }

  private route(m: Exclude<InferenceReply, { type: 'ready' }>): void {
    const job = this.jobs.get(m.jobId);
    if (!job) return;
    if (m.type === 'token') return job.onToken(m.text);
    clearTimeout(job.killTimer);
    this.jobs.delete(m.jobId);
    if (m.type === 'done') job.resolve(m.output);
    else job.reject(new Error(m.reason));
  }

  private crashed(worker: WorkerHandle<InferenceReply>, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.ready = undefined;
    for (const [id, job] of this.jobs) {
      clearTimeout(job.killTimer);
      job.reject(new Error(job.killTimer ? 'cancelled (the inference process was stopped)' : reason));
      this.jobs.delete(id);
    }
  }
}
