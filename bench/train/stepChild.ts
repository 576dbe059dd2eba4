/**
 * Measured child: one training-step kind (SFT or GRPO) of a random decoder at a fixed (batch, seqLen)
 * bucket, run exactly as the trainers run it — buildTrainStep → createSession (1 intra-op thread, the
 * SessionCache default) → applyTrainStep, which feeds weights + AdamW moments and commits the `.next`
 * outputs. Bundled to plain ESM and run under bare node by bench/train-bench.ts.
 */
import { writeFileSync } from 'node:fs';
import { TOKEN_LOG_PROBS } from '../../src-main/ml/losses/index.js';
import { defineDecoderConfig, initDecoderWeights } from '../../src-main/ml/models/decoder/index.js';
import { createSession, type HostTensor, type ModelSession } from '../../src-main/ml/ort/index.js';
import { Mulberry32 } from '../../src-main/ml/random/Mulberry32.js';
import { feedsFor, float32Output, float32Tensor, paramFeeds } from '../../src-main/ml/train/hostTensors.js';
import {
  applyTrainStep,
  buildLogProbGraph,
  buildTrainStep,
  createTrainerState,
  packBatch,
  QOQ_MED_ADAMW,
  QOQ_MED_GRAD_CLIP,
  TRAIN_INPUTS,
  type PromptResponse,
} from '../../src-main/ml/train/index.js';
import { peakRssMb, rssMb, type StepJob, type StepResult } from './protocol.js';

const job = JSON.parse(process.argv[2] ?? 'null') as StepJob | null;
if (job === null) throw new Error('usage: <child> <job JSON>  (run by bench/train-bench.ts)');
const rssAfterImportMb = rssMb();

const config = defineDecoderConfig({ ...job.decoder, ropeTheta: 10_000, tieWordEmbeddings: false, dtype: 'float32' });
// keepReference as a GRPO run with the KL term holds it: the frozen copy is part of its memory.
const state = createTrainerState(config, initDecoderWeights(config, 7), { keepReference: job.kind === 'grpo', seed: 1 });
const params = Object.values(state.weights).reduce((n, w) => n + w.length, 0);

// Rows: promptLen prompt tokens + (seqLen − promptLen) response tokens, ids drawn uniformly.
const rng = new Mulberry32(11);
const id = (): number => 3 + Math.floor(rng.next() * (config.vocabSize - 3));
const rows: PromptResponse[] = Array.from({ length: job.batch }, () => ({
  promptIds: Array.from({ length: job.promptLen }, id),
  responseIds: Array.from({ length: job.seqLen - job.promptLen }, id),
}));
const feeds: Record<string, HostTensor> = packBatch(config, rows, job.batch, job.seqLen, 0);

const sessionOptions = { intraOpThreads: job.intraOpThreads };
const t0 = performance.now();
const bytes = buildTrainStep(config, {
  kind: job.kind,
  batch: job.batch,
  seqLen: job.seqLen,
  params: state.trainable,
  optimizer: QOQ_MED_ADAMW,
  clip: QOQ_MED_GRAD_CLIP,
  ...(job.kind === 'grpo' ? { klCoef: 1e-4, klEstimator: 'low_var_kl' as const, clipLow: 0.2, clipHigh: 0.2, dualClip: 3 } : {}),
});
const buildGraphMs = performance.now() - t0;
const t1 = performance.now();
const session = await createSession(bytes, sessionOptions);
const sessionMs = performance.now() - t1;

const logProbMs: number[] = [];
let logProbSession: ModelSession | null = null;
if (job.kind === 'grpo') {
  // π_old and π_ref of the rows through the forward-only graph of the same bucket, as grpoTrainer does.
  logProbSession = await createSession(buildLogProbGraph(config, job.batch, job.seqLen), sessionOptions);
  const logProbs = async (weights: typeof state.weights): Promise<Float32Array> => {
    const s = performance.now();
    const out = await logProbSession!.run(feedsFor(logProbSession!.inputNames, { ...feeds, ...paramFeeds(config, weights) }), [TOKEN_LOG_PROBS]);
    logProbMs.push(performance.now() - s);
    return float32Output(out, TOKEN_LOG_PROBS);
  };
  const old = await logProbs(state.weights);
  const ref = await logProbs(state.reference ?? state.weights);
  for (let r = 0; r < job.warmup + job.runs - 2; r++) await logProbs(state.weights);
  logProbMs.splice(0, Math.min(job.warmup, logProbMs.length)); // warm-up calls are not reported
  const advantages = Float32Array.from({ length: job.batch }, () => 2 * rng.next() - 1);
  feeds[TRAIN_INPUTS.oldLogProbs] = float32Tensor([job.batch, job.seqLen], old);
  feeds[TRAIN_INPUTS.refLogProbs] = float32Tensor([job.batch, job.seqLen], ref);
  feeds[TRAIN_INPUTS.advantages] = float32Tensor([job.batch], advantages);
}

const rssAfterLoadMb = rssMb();
let resetOk = true;
try {
  writeFileSync('/proc/self/clear_refs', '5'); // VmHWM := VmRSS (Linux ≥ 4.0)
} catch {
  resetOk = false;
}

const stepMs: number[] = [];
const losses: number[] = [];
for (let r = 0; r < job.warmup + job.runs; r++) {
  const s = performance.now();
  const { loss } = await applyTrainStep(session, state, feeds, 1e-5);
  const ms = performance.now() - s;
  if (r >= job.warmup) stepMs.push(ms);
  losses.push(loss);
}
const peakStepRssMb = resetOk ? peakRssMb() : -1;
await session.release();
await logProbSession?.release();

const result: StepResult = {
  type: 'result',
  kind: job.kind,
  params,
  buildGraphMs,
  graphBytes: bytes.length,
  sessionMs,
  stepMs,
  logProbMs,
  losses,
  rssAfterImportMb,
  rssAfterLoadMb,
  peakRssMb: peakRssMb(),
  peakStepRssMb,
};
process.send?.(result, undefined, undefined, () => process.disconnect());
if (!process.send) console.log(JSON.stringify(result));
