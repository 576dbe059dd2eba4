/**
 * The service's handle on the export process: started on first use, one study at a time, each with a
 * time limit. A crash, a timeout or a memory kill fails that study (its reason reported) and the next
 * study starts a fresh process. Closed at the end of each export batch: nothing stays running.
 */
import type { WorkerHandle, WorkerSpawner } from '../import/workerSpawner';
import type { ExportFormat, StudyReport } from '../contract/reviewSchemas';
import type { ExportWorkerReply } from './exportProtocol';
import type { RenderOutcome } from './exportStudyReport';

/** Generous: a study with many key images from big compressed objects, on a slow two-core machine. */
const STUDY_TIMEOUT_MS = 180_000;

export class ExportProcess {
  private worker: Promise<WorkerHandle<ExportWorkerReply>> | undefined;
  /** The live process, so the exit of one already replaced or closed is not taken for the current one's. */
  private current: WorkerHandle<ExportWorkerReply> | undefined;
  private pending: { taskId: number; resolve: (o: RenderOutcome) => void; reject: (e: Error) => void } | undefined;
  private nextTask = 1;

  constructor(private readonly spawn: () => Promise<WorkerSpawner<ExportWorkerReply>>) {}

  async render(report: StudyReport, formats: ExportFormat[], deidentify: boolean, secret: Uint8Array): Promise<RenderOutcome> {
    const worker = await this.start();
    const taskId = this.nextTask++;
    return new Promise<RenderOutcome>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(`the export process took longer than ${STUDY_TIMEOUT_MS / 1000} s`), STUDY_TIMEOUT_MS);
      this.pending = {
        taskId,
        resolve: (o) => {
          clearTimeout(timer);
          resolve(o);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      worker.send({ type: 'render', taskId, report, formats, deidentify, secret });
    });
  }

  close(): void {
    this.current?.kill();
    this.current = undefined;
    this.worker = undefined;
  }

  private start(): Promise<WorkerHandle<ExportWorkerReply>> {
    this.worker ??= this.spawn().then(
      (spawn) =>
        new Promise<WorkerHandle<ExportWorkerReply>>((resolve, reject) => {
          const worker = spawn();
          this.current = worker;
          worker.onMessage((m) => {
            if (m.type === 'ready') resolve(worker);
            else if (this.pending?.taskId === m.taskId) {
              const p = this.pending;
              this.pending = undefined;
              if (m.type === 'rendered') p.resolve(m.outcome);
              else p.reject(new Error(m.reason));
            }
          });
          worker.onExit((code, signal) => {
            reject(new Error(`the export process could not start (${signal ?? `exit code ${code}`})`));
            if (worker !== this.current) return;
            this.current = undefined;
            this.worker = undefined;
            this.fail(`the export process ended unexpectedly (${signal ?? `exit code ${code}`})`, false);
          });
        }),
    );
    return this.worker;
  }

  private fail(reason: string, kill = true): void {
    const p = this.pending;
    this.pending = undefined;
    if (kill) this.close();
    p?.reject(new Error(reason));
  }
}
