import type { MessagePort } from 'node:worker_threads';
import { type Arena, type ControlLayout, arenaViews, workChunks } from './kmeansThreadProtocol';
import { initialRange } from './assignKernels';

/** What the worker gets at start (workerData) and where it finds the worker_threads functions it needs. */
export interface WorkerStart {
  readonly layout: ControlLayout;
  readonly control: SharedArrayBuffer;
  readonly port: MessagePort; // ATTACH messages: { buffer, n, d, kMax }
  readonly spins: number;
  readonly driftMaxByte: number; // DRIFT_MAX_BYTE
  readonly words: number; // CONTROL_WORDS
  readonly receive: (port: MessagePort) => { message: unknown } | undefined; // receiveMessageOnPort
}

/**
 * Body of a k-means worker thread (its source text is sent, see kmeansWorkerSource.ts; task types are
 * literals here for that reason: 3 ATTACH, 4 CLOSE, else a pass). Sleeps on GEN; after each task it polls
 * `spins` times before sleeping again, because within a fit the next pass follows in microseconds and a
 * futex wake-up costs about as much as a chunk.
 */
export function kmeansWorkerLoop(s: WorkerStart): void {
  const L = s.layout;
  const ctrl = new Int32Array(s.control, 0, s.words);
  const driftMax = new Float64Array(s.control, s.driftMaxByte, 1);

  let seen = Atomics.load(ctrl, L.GEN); // before READY: main publishes nothing until every worker is ready
  // Self-test before READY: two points, two centroids; a kernel missing from the source throws here.
  try {
    const t = new Float64Array([0, 1, 0, 1, 0, 0, 0, 0]);
    const labels = new Int32Array(2);
    const between = new Float64Array([0, 1, 1, 0]);
    const probe = { x: t.subarray(0, 2), n: 2, d: 1, k: 2, c: t.subarray(2, 4), labels, upper: t.subarray(4, 6), lower: t.subarray(6, 8), drift: t, half: t, between };
    initialRange(probe, 0, 2);
    if (labels[0] !== 0 || labels[1] !== 1) throw new Error('wrong labels');
    Atomics.add(ctrl, L.READY, 1);
  } catch {
    Atomics.store(ctrl, L.ERROR, 2);
  }
  Atomics.notify(ctrl, L.READY);

  let arena: Arena | null = null;
  for (;;) {
    let gen = Atomics.load(ctrl, L.GEN);
    for (let i = 0; gen === seen && i < s.spins; i++) gen = Atomics.load(ctrl, L.GEN);
    if (gen === seen) {
      Atomics.wait(ctrl, L.GEN, seen);
      continue;
    }
    seen = gen;
    const type = gen & 7;
    if (type === 4) {
      Atomics.add(ctrl, L.ACK, 1);
      Atomics.notify(ctrl, L.ACK);
      return;
    }
    if (type === 3) {
      const got = s.receive(s.port)?.message as { buffer: SharedArrayBuffer; n: number; d: number; kMax: number } | undefined;
      if (got === undefined) {
        Atomics.store(ctrl, L.ERROR, 1); // main is waiting for ACK and checks ERROR
        Atomics.notify(ctrl, L.ACK);
        return;
      }
      arena = arenaViews(got.buffer, got.n, got.d, got.kMax);
      Atomics.add(ctrl, L.ACK, 1);
      Atomics.notify(ctrl, L.ACK);
      continue;
    }
    if (arena === null) continue;
    try {
      workChunks(L, ctrl, driftMax, arena, false);
    } catch (error) {
      // Main is blocked waiting for DONE, where an 'error' event would never reach it: say so in ERROR.
      Atomics.store(ctrl, L.ERROR, 1);
      Atomics.notify(ctrl, L.DONE);
      throw error;
    }
  }
}
