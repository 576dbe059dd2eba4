/**
 * npm run bench:train — training-step cost, DRPO's share of a GRPO step, and the DRPO clustering sweep,
 * each next to a baseline measured in the same run.
 *
 * (a) Training step: a random decoder at the environment notes' reference size (d 256, 4 layers, 4 heads /
 *     2 KV heads, FFN 1024, vocab 2048, ~5M parameters), batch 8 × 128 tokens (64 prompt + 64 response),
 *     the SFT step graph and the GRPO step graph, each run through applyTrainStep exactly as the trainers
 *     do (1 intra-op thread, the SessionCache default). Each kind runs in its own child process (bundled,
 *     bare node) so its peak RSS is its own. The GRPO child also times the forward-only log-prob graph of
 *     the same bucket (what π_old and π_ref cost per minibatch).
 * (b) Reward + advantage share of one GRPO step: 64 questions × G = 8 over the nine domains, responses in
 *     the QoQ-Med format (~600 characters) scored by computeReward, then GRPO advantages (the baseline) or
 *     DRPO advantages — on a fresh DRPO state and at step 501, after 500 steps of history pre-filled with
 *     drpoAdvantages on synthetic reward vectors. The step it is a share of = rewards + advantages +
 *     log π_old and log π_ref + one PPO epoch, all 512 responses in minibatches of 8 at the (a) timings.
 *     Rollout generation is left out, so the step is a LOWER bound and every share an UPPER bound.
 * (c) The K-means + elbow sweep (k = 1..10) on 10,000 × 8 reward-like vectors next to plain Lloyd, as in
 *     bench/kmeans-bench.ts, plus the early-stopped sweep DRPO actually runs; each cold sweep also on one
 *     thread (threads: false), to show what the k-means worker pool gains (QOQ_KMEANS_THREADS=1 forces it
 *     on, without the back-off that keeps sweeps on one thread while the cores are busy).
 *
 * Environment: BENCH_HIDDEN, BENCH_LAYERS, BENCH_VOCAB, BENCH_BATCH, BENCH_SEQ, BENCH_RUNS (7),
 * BENCH_WARMUP (2), BENCH_PROCS (2 per step kind), BENCH_THREADS (1), BENCH_HISTORY_STEPS (500),
 * BENCH_QUESTIONS (64), BENCH_G (8), BENCH_CAP (2000: the maxHistoryPerDomain variant).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { closeKmeansThreads, createDrpoState, drpoAdvantages, elbowK, grpoAdvantages, kmeansSweep, kmeansThreadStats, kmeansThreadsRunning, type DrpoState, type KMeansFit } from '../src-main/ml/advantages/index.js';
import { Mulberry32 } from '../src-main/ml/random/Mulberry32.js';
import { createForegroundCounter } from '../src-main/ml/rewards/foregroundCounter.js';
import { computeReward } from '../src-main/ml/rewards/index.js';
import { plainLloyd, rewardLike } from './kmeans/lloydBaseline.js';
import type { StepJob, StepResult } from './train/protocol.js';
import { DOMAINS, rewardBatch, syntheticStep } from './train/rewardBatch.js';
import { bundleStepChild, runStepChild } from './train/runChild.js';
import { median, timeIt } from './train/timing.js';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const HIDDEN = env('BENCH_HIDDEN', 256);
const LAYERS = env('BENCH_LAYERS', 4);
const VOCAB = env('BENCH_VOCAB', 2048);
const BATCH = env('BENCH_BATCH', 8);
const SEQ = env('BENCH_SEQ', 128);
const RUNS = env('BENCH_RUNS', 7);
const WARMUP = env('BENCH_WARMUP', 2);
const PROCS = env('BENCH_PROCS', 2);
const THREADS = env('BENCH_THREADS', 1);
const HISTORY_STEPS = env('BENCH_HISTORY_STEPS', 500);
const QUESTIONS = env('BENCH_QUESTIONS', 64);
const G = env('BENCH_G', 8);
const CAP = env('BENCH_CAP', 2000);
const REPEATS = 7;
const K_MAX = 10;

const fmt = (v: number, digits = 1): string => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (v: number): string => `${(100 * v).toFixed(2)} %`;
const row = (cells: readonly string[], widths: readonly number[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
const goal = (met: boolean): string => (met ? 'MET' : 'NOT MET');

console.log(
  `machine: ${os.availableParallelism()} cores, Node ${process.versions.node}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ` +
    `${new Date().toISOString().slice(0, 10)}`,
);

// ─── (a) training step ─────────────────────────────────────────────────────────────────────────────
const heads = Math.max(1, HIDDEN / 64);
const job = (kind: StepJob['kind']): StepJob => ({
  kind,
  decoder: { hiddenSize: HIDDEN, numLayers: LAYERS, numHeads: heads, numKvHeads: Math.max(1, heads / 2), intermediateSize: 4 * HIDDEN, vocabSize: VOCAB },
  batch: BATCH,
  seqLen: SEQ,
  promptLen: SEQ / 2,
  warmup: WARMUP,
  runs: RUNS,
  intraOpThreads: THREADS,
});
const script = await bundleStepChild();
const results: Record<StepJob['kind'], StepResult[]> = { sft: [], grpo: [] };
for (let p = 0; p < PROCS; p++) {
  // Alternate the kinds so drift on a shared machine hits both alike.
  for (const kind of p % 2 === 0 ? (['sft', 'grpo'] as const) : (['grpo', 'sft'] as const)) results[kind].push(await runStepChild(script, job(kind)));
}
const d = job('sft').decoder;
const params = results.sft[0]!.params;
console.log(
  `\n(a) training step — decoder d ${d.hiddenSize}, ${d.numLayers} layers, ${d.numHeads} heads / ${d.numKvHeads} KV, FFN ${d.intermediateSize}, ` +
    `vocab ${d.vocabSize} (${fmt(params / 1e6, 2)}M params, untied), batch ${BATCH} × ${SEQ} tokens (${SEQ / 2} prompt + ${SEQ / 2} response), ` +
    `${THREADS} intra-op thread(s); ${PROCS} process(es) per kind × ${RUNS} steps (+${WARMUP} warm-up)`,
);
const stepW = [34, 11, 15, 10, 9, 9, 11, 10, 10];
console.log(row(['step graph', 'median', 'min – max', 'tokens/s', 'build', 'session', 'RSS loaded', 'peak RSS', 'step peak'], stepW));
interface StepSummary {
  stepMs: number;
  logProbMs: number;
}
const summary: Record<StepJob['kind'], StepSummary> = { sft: { stepMs: 0, logProbMs: 0 }, grpo: { stepMs: 0, logProbMs: 0 } };
for (const kind of ['sft', 'grpo'] as const) {
  const rs = results[kind];
  const steps = rs.flatMap((r) => r.stepMs);
  const m = median(steps);
  summary[kind] = { stepMs: m, logProbMs: median(rs.flatMap((r) => r.logProbMs)) };
  const mb = (pick: (r: StepResult) => number): string => `${fmt(median(rs.map(pick)), 0)} MB`;
  console.log(
    row(
      [
        kind === 'sft' ? 'SFT (fwd + loss + bwd + clip + AdamW)' : 'GRPO (+ PPO clip, KL k3, dual clip)',
        `${fmt(m, 0)} ms`,
        `${fmt(Math.min(...steps), 0)} – ${fmt(Math.max(...steps), 0)}`,
        fmt((BATCH * SEQ) / (m / 1000), 0),
        `${fmt(median(rs.map((r) => r.buildGraphMs)), 0)} ms`,
        `${fmt(median(rs.map((r) => r.sessionMs)), 0)} ms`,
        mb((r) => r.rssAfterLoadMb),
        mb((r) => r.peakRssMb),
        mb((r) => r.peakStepRssMb),
      ],
      stepW,
    ),
  );
}
const lp = summary.grpo.logProbMs;
console.log(
  `log-prob forward (same bucket, GRPO child): ${fmt(lp, 0)} ms — the update step is ${fmt(summary.grpo.stepMs / lp, 1)}× a forward pass; ` +
    `GRPO / SFT step time ${fmt(summary.grpo.stepMs / summary.sft.stepMs, 2)}×`,
);
console.log(`loss moves (first → last step, first process): SFT ${results.sft[0]!.losses.map((l) => l.toFixed(3)).filter((_, i, a) => i === 0 || i === a.length - 1).join(' → ')}, ` +
  `GRPO ${results.grpo[0]!.losses.map((l) => l.toFixed(3)).filter((_, i, a) => i === 0 || i === a.length - 1).join(' → ')}`);
console.log(`peak RSS = VmHWM of the child (imports + weights, moments + GRPO's frozen reference + sessions + steps); step peak = VmHWM reset after load.`);

// ─── (b) reward + advantage share of a GRPO step ───────────────────────────────────────────────────
const batch = rewardBatch(QUESTIONS, G, 2026);
const responses = batch.texts.length;
const chars = median(batch.texts.map((t) => t.length));
const gtOf = (i: number): Parameters<typeof computeReward>[1] => batch.questions[Math.floor(i / G)]!.gt;
const reward = timeIt(REPEATS, () => null, () => batch.texts.map((t, i) => computeReward(t, gtOf(i)).total));
const rewards = reward.out;
const noMask = batch.questions.map((q) => ({ answer: q.gt.answer, ...(q.gt.box ? { box: q.gt.box } : {}) }));
const rewardBoxOnly = timeIt(REPEATS, () => null, () => batch.texts.map((t, i) => computeReward(t, noMask[Math.floor(i / G)]!).total));
const maskQuestions = batch.questions.filter((q) => q.gt.mask).length;
// iouScore builds a summed-area table of the mask on every call, i.e. G times per question: time those alone.
const masks = batch.questions.flatMap((q) => (q.gt.mask ? Array.from({ length: G }, () => q.gt.mask!) : []));
const tables = timeIt(REPEATS, () => null, () => masks.map((m) => createForegroundCounter(m).total));
const drpoBatch = { questionIds: batch.questionIds, domains: batch.domains, rewards };
const grpo = timeIt(REPEATS, () => null, () => grpoAdvantages(rewards, batch.questionIds));
const drpoFresh = timeIt(REPEATS, () => createDrpoState(), (s) => drpoAdvantages(s, drpoBatch));

// Pre-fill: HISTORY_STEPS steps of synthetic reward vectors, the same stream into an unbounded state and
// one capped at CAP questions per domain.
const unbounded = createDrpoState();
const capped = createDrpoState({ maxHistoryPerDomain: CAP });
const rng = new Mulberry32(99);
const perStepMs: number[] = [];
const perStepCappedMs: number[] = [];
const tPrefill = performance.now();
for (let s = 1; s <= HISTORY_STEPS; s++) {
  const step = syntheticStep(rng, QUESTIONS, G, s);
  const b = { questionIds: step.questionIds, domains: step.domains, rewards: step.rewards };
  let t0 = performance.now();
  drpoAdvantages(unbounded, b);
  perStepMs.push(performance.now() - t0);
  t0 = performance.now();
  drpoAdvantages(capped, b);
  perStepCappedMs.push(performance.now() - t0);
}
const prefillS = (performance.now() - tPrefill) / 1000;
const clone = (s: DrpoState): DrpoState => structuredClone(s);
const drpoWarm = timeIt(REPEATS, () => clone(unbounded), (s) => drpoAdvantages(s, drpoBatch));
const drpoNoWarm = timeIt(REPEATS, () => {
  const s = clone(unbounded);
  for (const h of s.domains) h.centroids = [];
  return s;
}, (s) => drpoAdvantages(s, drpoBatch));
const drpoCapped = timeIt(REPEATS, () => clone(capped), (s) => drpoAdvantages(s, drpoBatch));

// Early elbow stop, on the largest domain's history at step 501 (warm-started both ways).
const largest = [...unbounded.domains].sort((a, b) => b.vectors.length - a.vectors.length)[0]!;
const largestPoints = { data: Float64Array.from(largest.vectors), n: largest.vectors.length / largest.dim, d: largest.dim };
const previous = largest.centroids.map((c) => Float64Array.from(c));
const sweepStop = timeIt(REPEATS, () => new Mulberry32(5), (r) => kmeansSweep(largestPoints, { kMax: K_MAX, rng: r, previous, stopAtElbow: true }));
const sweepFull = timeIt(REPEATS, () => new Mulberry32(5), (r) => kmeansSweep(largestPoints, { kMax: K_MAX, rng: r, previous }));
const sweepCold = timeIt(REPEATS, () => new Mulberry32(5), (r) => kmeansSweep(largestPoints, { kMax: K_MAX, rng: r }));

const updates = Math.ceil(responses / BATCH);
const modelMs = 2 * updates * summary.grpo.logProbMs + updates * summary.grpo.stepMs;
const stepWith = (advMs: number): number => reward.ms + advMs + modelMs;
console.log(
  `\n(b) reward + advantages in one GRPO step — ${QUESTIONS} questions × G ${G} = ${responses} responses over ${DOMAINS.length} domains ` +
    `(median response ${chars} chars; ${maskQuestions} questions with a ${batch.questions.find((q) => q.gt.mask)?.gt.mask?.width ?? 0}×` +
    `${batch.questions.find((q) => q.gt.mask)?.gt.mask?.height ?? 0} mask GT); median of ${REPEATS}`,
);
console.log(
  `step model work (lower bound, no rollout generation): log π_old + log π_ref ${2 * updates} × ${fmt(lp, 0)} ms + one PPO epoch ` +
    `${updates} × ${fmt(summary.grpo.stepMs, 0)} ms = ${fmt(modelMs / 1000, 1)} s`,
);
const bW = [52, 11, 11, 15, 15];
console.log(row(['phase', 'wall', 'cpu', 'share (GRPO)', 'share (DRPO)'], bW));
const shareRow = (name: string, t: { ms: number; cpuMs: number }, adv: 'grpo' | 'drpo' | 'both', advMs: number): string =>
  row([name, `${fmt(t.ms, 2)} ms`, `${fmt(t.cpuMs, 1)} ms`, adv === 'drpo' ? '' : pct(t.ms / stepWith(grpo.ms)), adv === 'grpo' ? '' : pct(t.ms / stepWith(advMs))], bW);
console.log(shareRow(`rewards: computeReward × ${responses}`, reward, 'both', drpoWarm.ms));
console.log(row([`  (same texts, box GT only: no mask)`, `${fmt(rewardBoxOnly.ms, 2)} ms`, `${fmt(rewardBoxOnly.cpuMs, 1)} ms`, '', ''], bW));
console.log(row([`  of which mask summed-area tables × ${masks.length}`, `${fmt(tables.ms, 2)} ms`, `${fmt(tables.cpuMs, 1)} ms`, '', ''], bW));
console.log(shareRow('advantages: GRPO (baseline)', grpo, 'grpo', grpo.ms));
console.log(shareRow('advantages: DRPO, fresh state (step 1)', drpoFresh, 'drpo', drpoFresh.ms));
console.log(shareRow(`advantages: DRPO, step ${HISTORY_STEPS + 1} (warm starts, as trained)`, drpoWarm, 'drpo', drpoWarm.ms));
console.log(shareRow(`advantages: DRPO, step ${HISTORY_STEPS + 1}, warm starts dropped`, drpoNoWarm, 'drpo', drpoNoWarm.ms));
console.log(shareRow(`advantages: DRPO, step ${HISTORY_STEPS + 1}, maxHistoryPerDomain ${CAP}`, drpoCapped, 'drpo', drpoCapped.ms));
const rewardAdvShare = (advMs: number): number => (reward.ms + advMs) / stepWith(advMs);
const extra = (advMs: number): number => (advMs - grpo.ms) / stepWith(advMs);
console.log(
  `reward + advantages share of the step: GRPO ${pct(rewardAdvShare(grpo.ms))}; DRPO fresh ${pct(rewardAdvShare(drpoFresh.ms))}, ` +
    `step ${HISTORY_STEPS + 1} ${pct(rewardAdvShare(drpoWarm.ms))} (capped ${pct(rewardAdvShare(drpoCapped.ms))})`,
);
console.log(
  `DRPO's extra computation over GRPO (paper: < 2 %): fresh ${pct(extra(drpoFresh.ms))}, step ${HISTORY_STEPS + 1} ${pct(extra(drpoWarm.ms))} ` +
    `(capped ${pct(extra(drpoCapped.ms))}, without warm starts ${pct(extra(drpoNoWarm.ms))}) — goal < 2 %: ` +
    `${goal(extra(drpoFresh.ms) < 0.02 && extra(drpoWarm.ms) < 0.02)}; whole DRPO advantage step < 2 % of the step: ` +
    `${goal(Math.max(drpoFresh.ms, drpoWarm.ms) / stepWith(drpoWarm.ms) < 0.02)}`,
);
console.log(
  `pessimistic context: DRPO at step ${HISTORY_STEPS + 1} costs ${pct(drpoWarm.ms / summary.grpo.stepMs)} of ONE ${BATCH} × ${SEQ} GRPO update; ` +
    `a step has ${updates} of them plus ${2 * updates} log-prob passes (and rollout generation, not counted here)`,
);

// How the history's cost stays bounded.
const window = (xs: readonly number[], from: number, to: number): number => median(xs.slice(from - 1, to));
const checkpoints = [1, 10, 100, 250, 500].filter((s) => s <= HISTORY_STEPS);
const rows = (s: DrpoState): number => s.domains.reduce((n, h) => n + h.vectors.length / h.dim, 0);
console.log(
  `\nhistory after ${HISTORY_STEPS} steps (pre-fill took ${fmt(prefillS, 1)} s for both states): ${rows(unbounded).toLocaleString('en-US')} retained vectors ` +
    `(largest domain ${largest.domain}: ${largestPoints.n.toLocaleString('en-US')}); capped at ${CAP}/domain: ${rows(capped).toLocaleString('en-US')}; ` +
    `K per domain at step ${HISTORY_STEPS + 1}: ${drpoWarm.out.perDomain.map((p) => `${p.domain} ${p.K}`).join(', ')}`,
);
console.log(
  `DRPO ms per step during the pre-fill (median of 10 steps ending at): ` +
    checkpoints.map((s) => `step ${s} ${fmt(window(perStepMs, Math.max(1, s - 9), s), 1)} (capped ${fmt(window(perStepCappedMs, Math.max(1, s - 9), s), 1)})`).join(', '),
);
console.log(
  `largest domain (${largestPoints.n.toLocaleString('en-US')} × ${largest.dim}), sweep k ≤ ${K_MAX}: warm + early elbow stop (as DRPO runs it) ` +
    `${fmt(sweepStop.ms, 1)} ms, ${sweepStop.out.length} fits, iterations ${sweepStop.out.map((f) => f.iterations).join(',')}; ` +
    `warm, all k ${fmt(sweepFull.ms, 1)} ms (${sweepFull.out.length} fits); cold, all k ${fmt(sweepCold.ms, 1)} ms, iterations ${sweepCold.out.map((f) => f.iterations).join(',')}; ` +
    `K ${elbowK(sweepStop.out.map((f) => f.sse))} either way: ${elbowK(sweepStop.out.map((f) => f.sse)) === elbowK(sweepFull.out.map((f) => f.sse)) ? 'same' : 'DIFFERENT'}`,
);
const fitsRun = drpoWarm.out.perDomain.map((p) => Math.min(K_MAX, p.K + 1));
console.log(
  `early elbow stop at step ${HISTORY_STEPS + 1}: fits run per domain ≈ K + 1 = ${fitsRun.join(',')} of ${K_MAX} ` +
    (fitsRun.every((f) => f >= K_MAX) ? '— the elbow rule never decided before K_max on this data, so the stop saved nothing here' : `— ${K_MAX * fitsRun.length - fitsRun.reduce((a, b) => a + b, 0)} fits skipped`),
);
console.log(
  'bounded by: (1) warm starts — each k starts from the better of the k − 1 chain and the previous step\'s k-solution (stored in the state), so Lloyd ' +
    'converges in a few passes; (2) early elbow stop — fits stop once the elbow rule has decided (exact); (3) only the batch\'s domains are refitted; ' +
    `(4) optional maxHistoryPerDomain caps the retained vectors (N_d still counts all). Cost still grows linearly with an unbounded history.`,
);

/** Same fits bit for bit (SSE, iterations, labels): threads must not change any result. */
const sameFits = (a: readonly KMeansFit[], b: readonly KMeansFit[]): boolean =>
  a.length === b.length &&
  a.every((f, i) => Object.is(f.sse, b[i]!.sse) && f.iterations === b[i]!.iterations && f.labels.every((l, j) => l === b[i]!.labels[j]) && f.centroids.every((c, j) => Object.is(c, b[i]!.centroids[j])));

// ─── (c) K-means + elbow sweep, 10k × 8 ────────────────────────────────────────────────────────────
const N = 10_000;
const D = 8;
const points = rewardLike(N, D, 1);
const before = { data: points.data.subarray(0, (N - 512) * D), n: N - 512, d: D };
const prevFits = kmeansSweep(before, { kMax: K_MAX, rng: new Mulberry32(0) }).map((f) => f.centroids);
const kmCold = timeIt(REPEATS, () => new Mulberry32(0), (r) => kmeansSweep(points, { kMax: K_MAX, rng: r }));
const kmColdStop = timeIt(REPEATS, () => new Mulberry32(0), (r) => kmeansSweep(points, { kMax: K_MAX, rng: r, stopAtElbow: true }));
const kmNext = timeIt(REPEATS, () => new Mulberry32(1), (r) => kmeansSweep(points, { kMax: K_MAX, rng: r, previous: prevFits }));
const kmNextStop = timeIt(REPEATS, () => new Mulberry32(1), (r) => kmeansSweep(points, { kMax: K_MAX, rng: r, previous: prevFits, stopAtElbow: true }));
const kmColdOne = timeIt(REPEATS, () => new Mulberry32(0), (r) => kmeansSweep(points, { kMax: K_MAX, rng: r, threads: false }));
const kmColdStopOne = timeIt(REPEATS, () => new Mulberry32(0), (r) => kmeansSweep(points, { kMax: K_MAX, rng: r, stopAtElbow: true, threads: false }));
const kmBase = timeIt(REPEATS, () => new Mulberry32(0), (r) => Array.from({ length: K_MAX }, (_, k) => plainLloyd(points, k + 1, r)));
console.log(
  `\n(c) K-means + elbow, ${N.toLocaleString('en-US')} × ${D} reward-like vectors (5 difficulty levels), k = 1..${K_MAX}; median of ${REPEATS}; ` +
    `passes on this thread + ${kmeansThreadsRunning()} worker thread(s) unless "1 thread" (cpu = all threads of the process)`,
);
const cW = [46, 11, 11, 4, 8, 12];
console.log(row(['sweep', 'wall', 'cpu', 'K', 'fits', 'vs Lloyd'], cW));
const kmRow = (name: string, t: { ms: number; cpuMs: number; out: { sse: number }[] }): string =>
  row([name, `${fmt(t.ms, 1)} ms`, `${fmt(t.cpuMs, 1)} ms`, String(elbowK(t.out.map((f) => f.sse))), String(t.out.length), `${fmt(kmBase.ms / t.ms, 1)}×`], cW);
console.log(kmRow('engine, cold, all k', kmCold));
console.log(kmRow('engine, cold, all k, 1 thread', kmColdOne));
console.log(kmRow('engine, cold, early elbow stop (DRPO)', kmColdStop));
console.log(kmRow('engine, cold, early elbow stop, 1 thread', kmColdStopOne));
console.log(kmRow('engine, next step (warm), all k', kmNext));
console.log(kmRow('engine, next step (warm), early stop (DRPO)', kmNextStop));
console.log(row(['plain Lloyd baseline (random init)', `${fmt(kmBase.ms, 1)} ms`, `${fmt(kmBase.cpuMs, 1)} ms`, String(elbowK(kmBase.out)), String(K_MAX), '1.0×'], cW));
console.log(
  `goal ≤ 100 ms cold: all k ${goal(kmCold.ms <= 100)} (${fmt(kmCold.ms, 0)} ms), as DRPO runs it (early stop) ${goal(kmColdStop.ms <= 100)} ` +
    `(${fmt(kmColdStop.ms, 0)} ms); next step ${fmt(kmNextStop.ms, 0)} ms; threads vs 1 thread (cold, all k): ` +
    `${fmt(kmColdOne.ms / kmCold.ms, 2)}× wall, ${fmt(kmCold.cpuMs / kmColdOne.cpuMs, 2)}× cpu; same fits: ${sameFits(kmCold.out, kmColdOne.out) ? 'yes' : 'NO'}`,
);
const pool = kmeansThreadStats();
if (pool) console.log(`k-means pool: ${pool.sweeps} threaded sweeps, ${pool.skipped} kept on one thread by the back-off (busy cores; QOQ_KMEANS_THREADS=1 turns it off)`);
await closeKmeansThreads();
