/**
 * Keeps the import's sandboxed parse workers between imports, instead of starting a pool for each one.
 *
 * Starting two worker processes costs ≈ 0.13 CPU-s each and ≈ 150 ms before the first file is parsed, and
 * a fresh process parses its first few hundred files at half speed while V8 compiles the parsers. Every
 * import paid that, so a radiologist dropping a second folder waited for it again, and a 560-file import
 * spent a third of its time on it (docs/benchmarks.md, Import, sixth round). Kept workers are the same
 * sandbox: separate processes with a memory cap and a per-file timeout, a crashed or stopped one replaced
 * by a fresh one (ParseWorkerPool). What changes is that a worker may parse files of more than one import;
 * it holds nothing between files but its reusable read buffer, and it never had more rights than to read
 * the files it is given and write into the object store.
 *
 * The pool is closed after `idleMs` without an import, giving its memory (≈ 55–60 MB a worker when idle)
 * back, and started again by the next import. Concurrent imports share it: its queue serves them in turn.
 */
import type { ParseWorkerPool } from './parseWorkerPool';

export class ImportPoolKeeper {
  private pool: Promise<ParseWorkerPool> | undefined;
  private users = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly makePool: () => Promise<ParseWorkerPool>,
    private readonly idleMs: number,
  ) {}

  /**
   * Starts the workers now (the desktop app and the browser host do at launch), so the first import does
   * not wait for them; resolves when they are ready. Starts the idle clock if no import is running.
   */
  async prestart(): Promise<void> {
    const pool = await this.current();
    if (this.users === 0) this.armIdleTimer();
    await pool.whenReady();
  }

  /** Runs one import on the kept pool (starting it if needed); the idle clock runs only between imports. */
  async use<T>(job: (pool: ParseWorkerPool) => Promise<T>): Promise<T> {
    this.users++;
    this.disarmIdleTimer();
    try {
      return await job(await this.current());
    } finally {
      this.users--;
      if (this.users === 0) this.armIdleTimer();
    }
  }

  /** Whether worker processes are running now (for tests and diagnostics). */
  get running(): boolean {
    return this.pool !== undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.disarmIdleTimer();
    await this.release();
  }

  private current(): Promise<ParseWorkerPool> {
    if (this.closed) return Promise.reject(new Error('the workstation service is closed'));
    if (!this.pool) {
      const started = this.makePool();
      this.pool = started;
      // A pool that failed to start is forgotten, so the next import tries again.
      started.catch(() => {
        if (this.pool === started) this.pool = undefined;
      });
    }
    return this.pool;
  }

  private armIdleTimer(): void {
    this.disarmIdleTimer();
    if (this.closed || !this.pool) return;
    this.idleTimer = setTimeout(() => void this.release(), this.idleMs);
    this.idleTimer.unref(); // an idle pool never keeps a CLI process alive
  }

  private disarmIdleTimer(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private async release(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    if (pool) await (await pool.catch(() => undefined))?.close();
  }
}
