/**
 * npm run bench:infer — the inference engine next to a bare ONNX Runtime decode loop, same run, same files.
 *
 * Model: a random test package (bench/infer/benchPackage.ts) at the environment notes' reference size —
 * decoder d 256, 4 layers, 4 heads / 2 KV heads, FFN 1024, vocab 2048 (a 2k-token BPE learnt on the test
 * corpus + seeded pseudo-words). Request: text only, ~64 prompt tokens, 128 new tokens, greedy, 1 intra-op
 * thread. Each side runs in its own child process (bundled to plain ESM, run under bare node) so its peak
 * RSS (VmHWM) is its own:
 *   (a) engine: loadModel + runModel (src-main/ml/runtime), repetition penalty 1 so greedy = argmax;
 *   (b) bare:   embed_tokens + decoder_model_merged with the KV cache fed back, argmax, nothing else
 *               (through src-main/ml/ort: ESLint allows ONNX Runtime imports only there).
 * A third child runs the engine with the manifest's default repetition penalty 1.05 (timing only).
 * BENCH_PROCS processes per side (interleaved), each BENCH_WARMUP warm-up + BENCH_RUNS measured runs;
 * times are medians over all measured runs, RSS medians over processes.
 */
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readArchitecture } from '../src-main/ml/runtime/index.js';
import { BENCH_QUESTION, BENCH_SYSTEM, buildBenchPackage } from './infer/benchPackage.js';
import { bundleChildren, MeasuredChild } from './infer/children.js';
import type { ChildJob, DoneMessage, ReadyMessage, RunSample } from './infer/protocol.js';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const PROCS = env('BENCH_PROCS', 3);
const RUNS = env('BENCH_RUNS', 7);
const WARMUP = env('BENCH_WARMUP', 2);
const NEW_TOKENS = env('BENCH_NEW_TOKENS', 128);
const THREADS = env('BENCH_THREADS', 1);
// Seed 1: greedy decoding of this prompt does not reach eos within 128 tokens (the check line says if it does).
const SEED = env('BENCH_SEED', 1);

const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const pkg = await buildBenchPackage(SEED);
const { decoder } = readArchitecture(pkg.manifest);
const fileOf = (role: string): string => path.join(pkg.dir, ...pkg.manifest.files.find((f) => f.role === role)!.path.split('/'));
const scripts = await bundleChildren();
const job: ChildJob = {
  packageDir: pkg.dir,
  embedTokensFile: fileOf('embed_tokens'),
  decoderFile: fileOf('decoder'),
  promptIds: pkg.promptIds,
  system: BENCH_SYSTEM,
  question: BENCH_QUESTION,
  eosTokenIds: pkg.manifest.generation.eosTokenIds,
  kvHeads: decoder.numKvHeads,
  headDim: decoder.headDim,
  maxNewTokens: NEW_TOKENS,
  intraOpThreads: THREADS,
  repetitionPenalty: 1,
};

console.log(
  `model: decoder d ${decoder.hiddenSize}, ${decoder.numLayers} layers, ${decoder.numHeads} heads / ${decoder.numKvHeads} KV, ` +
    `FFN ${decoder.intermediateSize}, vocab ${decoder.vocabSize} (random test package, seed ${SEED}, built in ${(pkg.buildMs / 1000).toFixed(1)} s)`,
);
console.log(
  `request: text only, ${pkg.promptIds.length} prompt tokens, ${NEW_TOKENS} new tokens, greedy, ${THREADS} intra-op thread(s); ` +
    `${PROCS} process(es) per side × ${RUNS} runs (+${WARMUP} warm-up), interleaved run by run; ${os.availableParallelism()} cores, Node ${process.versions.node}`,
);

interface Side {
  readonly name: string;
  readonly script: string;
  readonly job: ChildJob;
  readonly ready: ReadyMessage[];
  readonly done: DoneMessage[];
  /** samples[process][run] */
  readonly samples: RunSample[][];
}
const side = (name: string, script: string, sideJob: ChildJob): Side => ({ name, script, job: sideJob, ready: [], done: [], samples: [] });
const sides: Side[] = [
  side('bare loop (ort wrapper, argmax)', scripts.bare, job),
  side('engine (loadModel + runModel)', scripts.engine, job),
  side('engine, repetition penalty 1.05', scripts.engine, { ...job, repetitionPenalty: 1.05 }),
];

for (let p = 0; p < PROCS; p++) {
  const children: MeasuredChild[] = [];
  for (const s of sides) {
    const { child, ready } = await MeasuredChild.start(s.name, s.script, s.job);
    children.push(child);
    s.ready.push(ready);
    s.samples.push([]);
  }
  for (let r = 0; r < WARMUP + RUNS; r++) {
    // One run per side per round, the order rotating: machine drift hits every side alike.
    for (let k = 0; k < sides.length; k++) {
      const i = (r + k) % sides.length;
      const sample = await children[i]!.run();
      if (r >= WARMUP) sides[i]!.samples[p]!.push(sample);
    }
  }
  for (let i = 0; i < sides.length; i++) sides[i]!.done.push(await children[i]!.finish());
}
rmSync(pkg.dir, { recursive: true, force: true });

interface Summary {
  ttftMs: number;
  msPerToken: number;
  peakRssMb: number;
  peakRunRssMb: number;
  rssAfterImportMb: number;
  rssAfterLoadMb: number;
  loadMs: number;
}

function summarise(s: Side): Summary {
  const runs = s.samples.flat();
  return {
    ttftMs: median(runs.map((r) => r.ttftMs)),
    msPerToken: median(runs.map((r) => r.msPerToken)),
    peakRssMb: median(s.done.map((d) => d.peakRssMb)),
    peakRunRssMb: median(s.done.map((d) => d.peakRunRssMb)),
    rssAfterImportMb: median(s.ready.map((r) => r.rssAfterImportMb)),
    rssAfterLoadMb: median(s.ready.map((r) => r.rssAfterLoadMb)),
    loadMs: median(s.ready.map((r) => r.loadMs)),
  };
}

const summaries = sides.map(summarise);
const num = (v: number, digits: number, width: number): string => v.toFixed(digits).padStart(width);
console.log(
  `\n${'side'.padEnd(33)} ${'TTFT'.padStart(8)} ${'ms/token'.padStart(9)} ${'tokens/s'.padStart(9)} ${'peak RSS'.padStart(9)} ` +
    `${'gen. peak'.padStart(9)} ${'RSS import'.padStart(10)} ${'RSS loaded'.padStart(10)} ${'load'.padStart(8)}`,
);
sides.forEach((s, i) => {
  const m = summaries[i]!;
  console.log(
    `${s.name.padEnd(33)} ${num(m.ttftMs, 2, 5)} ms ${num(m.msPerToken, 3, 9)} ${num(1000 / m.msPerToken, 0, 9)} ${num(m.peakRssMb, 0, 6)} MB ` +
      `${num(m.peakRunRssMb, 0, 6)} MB ${num(m.rssAfterImportMb, 0, 7)} MB ${num(m.rssAfterLoadMb, 0, 7)} MB ${num(m.loadMs, 0, 5)} ms`,
  );
});

const [bareSide, engineSide, penaltySide] = sides as [Side, Side, Side];
const engineRuns = engineSide.samples.flat();
const own = (pick: (e: NonNullable<RunSample['engine']>) => number): string => median(engineRuns.map((r) => pick(r.engine!))).toFixed(2);
console.log(
  `engine's own RunTimings (median): encode ${own((e) => e.encodeMs)} ms, prefill ${own((e) => e.prefillMs)} ms, ` +
    `ttft ${own((e) => e.ttftMs)} ms, ${own((e) => e.tokensPerS)} tokens/s over model calls only`,
);

// Same tokens? Every measured run of the greedy engine against every bare run.
const reference = bareSide.samples[0]![0]!.tokenIds;
const all = [...bareSide.samples.flat(), ...engineRuns];
const differsAt = (t: readonly number[]): number => {
  for (let i = 0; i < Math.max(reference.length, t.length); i++) if (reference[i] !== t[i]) return i;
  return -1;
};
const mismatches = all.map((r) => differsAt(r.tokenIds)).filter((i) => i >= 0);
const promptAgrees = all.every((r) => r.promptTokens === pkg.promptIds.length);
console.log(
  mismatches.length === 0 && promptAgrees
    ? `check: engine and bare loop chose the same ${reference.length} tokens in all ${all.length} runs (prompt ${pkg.promptIds.length} tokens on both sides)` +
        (reference.length < NEW_TOKENS ? ` — but greedy reached eos after ${reference.length} tokens, not ${NEW_TOKENS}` : '')
    : `check FAILED: ${mismatches.length} of ${all.length} runs differ from the first bare run (earliest at token ${Math.min(...mismatches)}); ` +
        `prompt tokens agree: ${promptAgrees}`,
);

/** Median over rounds of (side a's run / side b's run in the same round): robust to drift between rounds. */
const pairedRatio = (a: Side, b: Side, pick: (r: RunSample) => number): number =>
  median(a.samples.flatMap((runs, p) => runs.map((r, k) => pick(r) / pick(b.samples[p]![k]!))));
const [b, e] = [summaries[0]!, summaries[1]!];
const x = (v: number): string => `${v.toFixed(2)}×`;
console.log(
  `ratio engine/bare: time per token ${x(e.msPerToken / b.msPerToken)} (paired ${x(pairedRatio(engineSide, bareSide, (r) => r.msPerToken))}), ` +
    `TTFT ${x(e.ttftMs / b.ttftMs)} (paired ${x(pairedRatio(engineSide, bareSide, (r) => r.ttftMs))}) — goal ≤ 1.10×`,
);
console.log(`ratio engine/bare: peak RSS ${x(e.peakRssMb / b.peakRssMb)}, generation-phase peak ${x(e.peakRunRssMb / b.peakRunRssMb)} — goal ≤ 1.5×`);
console.log(`ratio engine with penalty 1.05 / without: time per token ${x(pairedRatio(penaltySide, engineSide, (r) => r.msPerToken))} (paired)`);
