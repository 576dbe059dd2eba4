import type { Mulberry32 } from '../advantages/index.js';
import type { ModelSession } from '../ort/index.js';
import { applyTrainStep } from './applyTrainStep.js';
import { POLICY_METRICS } from './buildPolicyMetricsGraph.js';
import { POLICY_LOG_PROBS, TRAIN_INPUTS } from './graphNames.js';
import { feedsFor, float32Output, float32Tensor } from './hostTensors.js';
import { packMultimodalBatch } from './packMultimodalBatch.js';
import { chunks, shuffledIndices } from './randomOrder.js';
import type { Rollout } from './Rollout.js';
import { rolloutSample } from './rolloutSample.js';
import type { TrainerState } from './TrainerState.js';
import { mean } from './TrainMetrics.js';

export interface PpoBatch {
  readonly rollouts: readonly Rollout[];
  readonly oldLogProbs: readonly Float32Array[]; // (S) per rollout, packBatch layout
  /** null when the run has no reference policy (no KL term, no KL metric). */
  readonly refLogProbs: readonly Float32Array[] | null;
  readonly seqLen: number;
}

export interface PpoSettings {
  readonly trainStep: ModelSession; // buildTrainStep kind 'grpo', media: true, for (miniBatch, seqLen)
  readonly metrics: ModelSession; // buildPolicyMetricsGraph for the same bucket
  readonly miniBatch: number;
  readonly epochs: number;
  readonly lr: number;
  readonly padId: number;
  readonly rng: Mulberry32; // minibatch shuffles
}

export interface PpoMetrics {
  readonly loss: number;
  readonly policyLoss: number;
  readonly kl: number | null;
  readonly approxKl: number;
  readonly clipFraction: number;
  readonly gradNorm: number;
  readonly updates: number;
}

/**
 * The policy update of one step (reference §5): `epochs` passes over the rollouts, each shuffled into
 * minibatches (one AdamW update each) against the FIXED old log-probs of the rollout policy, so the
 * PPO ratio measures drift from the policy that sampled. One epoch of one minibatch is plain
 * on-policy GRPO (ratio ≡ 1 at the only update).
 */
export async function ppoUpdate(state: TrainerState, batch: PpoBatch, s: PpoSettings): Promise<PpoMetrics> {
  const { rollouts, seqLen } = batch;
  const per: Record<keyof Omit<PpoMetrics, 'updates'>, number[]> = { loss: [], policyLoss: [], kl: [], approxKl: [], clipFraction: [], gradNorm: [] };
  for (let epoch = 0; epoch < s.epochs; epoch++) {
    // A single minibatch needs no shuffle; skipping it keeps the data stream untouched.
    const order = rollouts.length > s.miniBatch ? shuffledIndices(rollouts.length, s.rng) : rollouts.map((_, i) => i);
    for (const members of chunks(order, s.miniBatch)) {
      const feeds = minibatchFeeds(state, batch, members, s);
      const applied = await applyTrainStep(s.trainStep, state, feeds, s.lr);
      const measured = await s.metrics.run(feedsFor(s.metrics.inputNames, { ...feeds, [POLICY_LOG_PROBS]: float32Tensor([s.miniBatch, seqLen], float32Output(applied.outputs, POLICY_LOG_PROBS)) }));
      per.loss.push(applied.loss);
      per.gradNorm.push(applied.gradNorm);
      per.policyLoss.push(float32Output(measured, POLICY_METRICS.policyLoss)[0] as number);
      per.kl.push(float32Output(measured, POLICY_METRICS.kl)[0] as number);
      per.approxKl.push(float32Output(measured, POLICY_METRICS.approxKl)[0] as number);
      per.clipFraction.push(float32Output(measured, POLICY_METRICS.clipFraction)[0] as number);
    }
  }
  return {
    loss: mean(per.loss),
    policyLoss: mean(per.policyLoss),
    kl: batch.refLogProbs === null ? null : mean(per.kl),
    approxKl: mean(per.approxKl),
    clipFraction: mean(per.clipFraction),
    gradNorm: mean(per.gradNorm),
    updates: per.loss.length,
  };
}

/** Feeds of one minibatch; filler rows (a short last minibatch) get zero advantage and no loss mask. */
function minibatchFeeds(state: TrainerState, batch: PpoBatch, members: readonly number[], s: PpoSettings): ReturnType<typeof packMultimodalBatch> {
  const { seqLen } = batch;
  const rows = members.map((i) => rolloutSample(batch.rollouts[i] as Rollout));
  const old = new Float32Array(s.miniBatch * seqLen);
  const ref = new Float32Array(s.miniBatch * seqLen);
  const advantages = new Float32Array(s.miniBatch);
  members.forEach((i, b) => {
    old.set(batch.oldLogProbs[i] as Float32Array, b * seqLen);
    // Without a reference the KL input gets the old log-probs: its coefficient is 0 then (checked by the trainer).
    ref.set((batch.refLogProbs ?? batch.oldLogProbs)[i] as Float32Array, b * seqLen);
    advantages[b] = (batch.rollouts[i] as Rollout).advantage;
  });
  return {
    ...packMultimodalBatch(state.config, rows, s.miniBatch, seqLen, s.padId),
    [TRAIN_INPUTS.oldLogProbs]: float32Tensor([s.miniBatch, seqLen], old),
    [TRAIN_INPUTS.refLogProbs]: float32Tensor([s.miniBatch, seqLen], ref),
    [TRAIN_INPUTS.advantages]: float32Tensor([s.miniBatch], advantages),
  };
}
