import { readFileSync, writeFileSync } from 'node:fs';

/**
 * How the bench drives its measured children. Each side runs in its own process so its peak RSS is its
 * own; the bench keeps all of them alive and asks for one run at a time, rotating between them, so noise
 * on a shared machine lands on every side alike. Bench → child: the job as one JSON argument, then
 * 'run' / 'finish' messages over the IPC channel; child → bench: 'ready', one 'sample' per run, 'done'.
 */
export interface ChildJob {
  readonly packageDir: string;
  /** The bare loop opens just these two graph files of the package (absolute paths). */
  readonly embedTokensFile: string;
  readonly decoderFile: string;
  /** The chat prompt already tokenised (the bare loop starts from ids; the engine builds them itself). */
  readonly promptIds: readonly number[];
  /** Text-only request the engine turns into `promptIds` (system + question, no format instruction). */
  readonly system: string;
  readonly question: string;
  readonly eosTokenIds: readonly number[];
  /** The decoder's KV heads and head dim: the bare loop's empty prefill past is (1, KV, 0, Dh). */
  readonly kvHeads: number;
  readonly headDim: number;
  readonly maxNewTokens: number;
  readonly intraOpThreads: number;
  /** Engine only: 1 = plain greedy (comparable with the bare argmax), 1.05 = the manifest's default. */
  readonly repetitionPenalty: number;
}

export interface RunSample {
  /** Request start → first token chosen (engine: runModel call; bare: prompt embedding call). */
  readonly ttftMs: number;
  /** Wall time per generated token after the first: (t_last − t_first) / (n − 1). */
  readonly msPerToken: number;
  readonly totalMs: number;
  readonly promptTokens: number;
  readonly tokenIds: readonly number[];
  /** The engine's own RunTimings (absent for the bare loop). */
  readonly engine?: { encodeMs: number; prefillMs: number; decodeMs: number; ttftMs: number; tokensPerS: number };
}

export interface ReadyMessage {
  readonly type: 'ready';
  readonly loadMs: number;
  /** VmRSS after the child's imports, before any model file is opened. */
  readonly rssAfterImportMb: number;
  /** VmRSS once the sessions are open (load transients may have been released by then). */
  readonly rssAfterLoadMb: number;
}

export interface DoneMessage {
  readonly type: 'done';
  /** VmHWM of the whole child: imports + load + all runs. */
  readonly peakRssMb: number;
  /** VmHWM since a reset right after load: the generation phase only (−1 if the kernel refused the reset). */
  readonly peakRunRssMb: number;
}

export type ChildMessage = ReadyMessage | { readonly type: 'sample'; readonly sample: RunSample } | DoneMessage;
export type BenchMessage = { readonly type: 'run' } | { readonly type: 'finish' };

/** What a child sets up once: its sessions, the request as one callable, and how to close. */
export interface LoadedSide {
  once(): Promise<RunSample>;
  release(): Promise<void>;
}

function statusKb(field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync('/proc/self/status', 'latin1');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
}

const rssMb = (): number => statusKb('VmRSS') / 1024;
const peakRssMb = (): number => statusKb('VmHWM') / 1024;

/** Resets VmHWM to the current RSS (Linux ≥ 4.0: `echo 5 > /proc/self/clear_refs`). False if refused. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

export function parseJob(argv: readonly string[]): ChildJob {
  const json = argv[2];
  if (json === undefined) throw new Error('usage: <child> <job JSON>  (run by bench/infer-bench.ts over IPC)');
  return JSON.parse(json) as ChildJob;
}

/** Per-token wall time from the timestamps at which tokens were chosen. */
export function msPerToken(stamps: readonly number[]): number {
  return stamps.length > 1 ? (stamps[stamps.length - 1]! - stamps[0]!) / (stamps.length - 1) : Number.NaN;
}

/** The child's side of the protocol: load, report ready, serve 'run' until 'finish', report peaks, exit. */
export async function serve(load: () => Promise<LoadedSide>): Promise<void> {
  const send = (message: ChildMessage): Promise<void> =>
    new Promise((resolve, reject) => {
      if (!process.send) throw new Error('no IPC channel: run this through bench/infer-bench.ts');
      process.send(message, undefined, undefined, (err: Error | null) => (err ? reject(err) : resolve()));
    });
  const rssAfterImportMb = rssMb();
  const t0 = performance.now();
  const side = await load();
  const loadMs = performance.now() - t0;
  const rssAfterLoadMb = rssMb();
  const reset = resetPeakRss();
  await send({ type: 'ready', loadMs, rssAfterImportMb, rssAfterLoadMb });

  let queue = Promise.resolve();
  process.on('message', (message: BenchMessage) => {
    queue = queue.then(async () => {
      if (message.type === 'run') {
        await send({ type: 'sample', sample: await side.once() });
        return;
      }
      const peakRunRssMb = reset ? peakRssMb() : -1;
      await side.release();
      await send({ type: 'done', peakRssMb: peakRssMb(), peakRunRssMb });
      process.disconnect();
    });
  });
}
