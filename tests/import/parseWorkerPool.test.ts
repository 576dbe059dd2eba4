/**
 * ParseWorkerPool with scripted workers (no processes): each worker holds its next file while it works on
 * one, and a crash, hang or memory blow-up still costs exactly the file that causes it — with one file in
 * flight it is rejected at once; with two, both run again, each alone, and only the culprit is rejected.
 */
import { describe, expect, it } from 'vitest';
import { ParseWorkerPool, PIPELINE_DEPTH } from '../../src-main/import/parseWorkerPool';
import type { WorkerHandle } from '../../src-main/import/workerSpawner';
import type { ParseRequest, ParseResponse, WorkerMessage } from '../../src-main/parsing/worker/protocol';
import { DEFAULT_LIMITS } from '../../src-main/parsing/types';

type Behaviour = 'answer' | 'crash' | 'hang' | 'manual';

/**
 * A worker that runs its requests one at a time in arrival order, like parseWorkerMain: a file named
 * `crash*` ends the process, `hang*` never answers, `manual*` waits for `answerNext()`, any other is
 * answered on the next timer tick with outcome "not-medical" and the path as the reason.
 */
class ScriptedWorker implements WorkerHandle {
  readonly pid = undefined; // no /proc entry: the pool's RSS check skips it
  readonly received: string[] = [];
  /** Requests received and not answered: what the worker holds at a time. */
  held: ParseRequest[] = [];
  maxHeld = 0;
  dead = false;
  private messageListener: (m: WorkerMessage) => void = () => {};
  private exitListener: (code: number | null, signal: string | null) => void = () => {};

  constructor() {
    setTimeout(() => this.messageListener({ type: 'ready' }), 0);
  }

  send(message: unknown): void {
    if (this.dead) return;
    const req = message as ParseRequest;
    this.received.push(req.path);
    this.held.push(req);
    this.maxHeld = Math.max(this.maxHeld, this.held.length);
    if (this.held.length === 1) this.runHead();
  }

  onMessage(listener: (m: WorkerMessage) => void): void {
    this.messageListener = listener;
  }

  onExit(listener: (code: number | null, signal: string | null) => void): void {
    this.exitListener = listener;
  }

  kill(): void {
    if (this.dead) return;
    this.dead = true;
    setTimeout(() => this.exitListener(null, 'SIGKILL'), 0);
  }

  answerNext(): void {
    const req = this.held.shift()!;
    this.messageListener({ type: 'result', taskId: req.taskId, outcome: { status: 'not-medical', reason: req.path } });
    if (this.held.length > 0) this.runHead();
  }

  private runHead(): void {
    const req = this.held[0]!;
    const behaviour: Behaviour = /^(crash|hang|manual)/.exec(req.path)?.[1] as Behaviour | undefined ?? 'answer';
    if (behaviour === 'crash') {
      setTimeout(() => {
        if (this.dead) return;
        this.dead = true;
        this.exitListener(null, 'SIGSEGV');
      }, 0);
    } else if (behaviour === 'answer') {
      setTimeout(() => !this.dead && this.answerNext(), 0);
    }
  }
}

function makePool(size: number, timeoutMs = 10_000): { pool: ParseWorkerPool; workers: ScriptedWorker[] } {
  const workers: ScriptedWorker[] = [];
  const pool = new ParseWorkerPool({
    size,
    spawn: () => {
      const w = new ScriptedWorker();
      workers.push(w);
      return w;
    },
    memoryCapBytes: 2 ** 40,
    timeoutMs: () => timeoutMs,
  });
  return { pool, workers };
}

const parse = (pool: ParseWorkerPool, path: string): Promise<ParseResponse> => pool.parse(path, 1, '/objects', DEFAULT_LIMITS);
const outcomeOf = (r: ParseResponse) => r.outcome;
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('ParseWorkerPool', () => {
  it('sends a worker files ahead of its answers, never more than PIPELINE_DEPTH', async () => {
    const { pool, workers } = makePool(1);
    const paths = Array.from({ length: PIPELINE_DEPTH + 1 }, (_, i) => `manual-${i + 1}`);
    const results = paths.map((p) => parse(pool, p));
    await tick();
    const w = workers[0]!;
    expect(PIPELINE_DEPTH).toBeGreaterThan(1);
    expect(w.received).toEqual(paths.slice(0, PIPELINE_DEPTH)); // sent while the first runs
    w.answerNext();
    await tick();
    expect(w.received).toEqual(paths); // one answer frees one place
    for (let i = 0; i < PIPELINE_DEPTH; i++) w.answerNext();
    expect((await Promise.all(results)).map(outcomeOf)).toEqual(paths.map((reason) => ({ status: 'not-medical', reason })));
    expect(w.maxHeld).toBe(PIPELINE_DEPTH);
    await pool.close();
  });

  it('answers every file of a longer job with its own outcome, in whichever worker ran it', async () => {
    const { pool, workers } = makePool(2);
    const paths = Array.from({ length: 25 }, (_, i) => `file-${i}`);
    const results = await Promise.all(paths.map((p) => parse(pool, p)));
    expect(results.map((r) => (r.outcome as { reason: string }).reason)).toEqual(paths);
    expect(workers.length).toBe(2); // nobody crashed, nobody was replaced
    expect(workers.flatMap((w) => w.received).sort()).toEqual([...paths].sort());
    await pool.close();
  });

  it('with one file in flight, a crash rejects that file and a fresh worker takes the rest', async () => {
    const { pool, workers } = makePool(1);
    const crash = parse(pool, 'crash-a');
    await tick(); // the crash happens before the next file is submitted
    const after = parse(pool, 'file-b');
    expect(outcomeOf(await crash)).toEqual({ status: 'rejected', reason: 'parser process ended unexpectedly (SIGSEGV)' });
    expect(outcomeOf(await after)).toEqual({ status: 'not-medical', reason: 'file-b' });
    expect(workers.length).toBe(2);
    await pool.close();
  });

  it('with several in flight, a crash re-runs each alone and rejects only the file that crashes alone', async () => {
    const { pool, workers } = makePool(1);
    // file-a waits for a manual answer, so the crashing file is queued behind it in the same worker.
    const a = parse(pool, 'manual-a');
    const bad = parse(pool, 'crash-b');
    const c = parse(pool, 'file-c');
    await tick();
    expect(workers[0]!.received).toEqual(['manual-a', 'crash-b', 'file-c']);
    // The worker dies with all three in flight (e.g. it finished manual-a but the answer was never read).
    workers[0]!.kill();
    await tick();
    // Each suspect runs alone in a fresh worker: manual-a alone in worker 2 (nothing queued behind it).
    expect(workers[1]!.received).toEqual(['manual-a']);
    workers[1]!.answerNext();
    expect(outcomeOf(await a)).toEqual({ status: 'not-medical', reason: 'manual-a' });
    expect(outcomeOf(await bad)).toEqual({ status: 'rejected', reason: 'parser process ended unexpectedly (SIGSEGV)' });
    expect(outcomeOf(await c)).toEqual({ status: 'not-medical', reason: 'file-c' });
    // After worker 1 answered manual-a, crash-b ran there alone; file-c waited for the worker replacing it.
    expect(workers[1]!.received).toEqual(['manual-a', 'crash-b']);
    expect(workers[1]!.maxHeld).toBe(1);
    expect(workers[2]!.received).toEqual(['file-c']);
    await pool.close();
  });

  it('a hanging file times out and is rejected; the file queued behind it in that worker is not', async () => {
    const { pool } = makePool(1, 40);
    const hang = parse(pool, 'hang-a');
    const next = parse(pool, 'file-b');
    // First timeout with both in flight: both re-run alone; hang-a times out again alone (2 × 40 ms).
    expect(outcomeOf(await hang)).toEqual({ status: 'rejected', reason: 'parsing took longer than 0 s and was stopped' });
    expect(outcomeOf(await next)).toEqual({ status: 'not-medical', reason: 'file-b' });
    await pool.close();
  });

  it('close() answers every file still waiting or in flight as cancelled', async () => {
    const { pool } = makePool(1);
    const held = ['manual-1', 'manual-2', 'manual-3'].map((p) => parse(pool, p));
    await tick();
    await pool.close();
    for (const r of await Promise.all(held)) {
      expect(r.outcome).toEqual({ status: 'rejected', reason: 'cancelled: the worker pool was closed' });
    }
  });
});
