import type { HostTensor, ModelSession } from '../ort/index.js';
import { paramStateNames, TRAINING_STEP } from '../optim/index.js';
import { feedsFor, float32Output, float32Tensor, paramFeeds } from './hostTensors.js';
import { loraFactorShapes, refreshAdaptedWeights } from './loraState.js';
import { trainedTable, type TrainerState } from './TrainerState.js';

export interface AppliedStep {
  readonly loss: number;
  readonly gradNorm: number;
  /** Every output of the step graph (e.g. policy_log_probs for the GRPO metrics). */
  readonly outputs: Readonly<Record<string, HostTensor>>;
}

/**
 * Runs one training-step session on a batch and commits the result to `state`: each trained
 * parameter and its moments are replaced by the `.next` outputs and the AdamW step count advances.
 * Model-agnostic: it knows only the step graph's naming contract (ml/optim), not the model.
 * Under LoRA the graph is fed the frozen base weights plus the factors, and the adapted weights in
 * `state.weights` are recomputed from the updated factors.
 */
export async function applyTrainStep(session: ModelSession, state: TrainerState, batchFeeds: Readonly<Record<string, HostTensor>>, lr: number): Promise<AppliedStep> {
  const t = state.optimizerStep + 1; // bias correction 1 − βᵗ counts from 1
  const { lora } = state;
  const feeds: Record<string, HostTensor> = { ...batchFeeds, ...paramFeeds(state.config, lora ? lora.base : state.weights) };
  if (lora) for (const [p, dims] of loraFactorShapes(lora.targets, lora.settings.rank)) feeds[p] = float32Tensor(dims, lora.factors[p] as Float32Array);
  for (const p of state.trainable) {
    const names = paramStateNames(p);
    feeds[names.m] = { ...(feeds[p] as HostTensor), data: state.moments.m[p] as Float32Array };
    feeds[names.v] = { ...(feeds[p] as HostTensor), data: state.moments.v[p] as Float32Array };
  }
  feeds[TRAINING_STEP.step] = float32Tensor([], Float32Array.of(t));
  feeds[TRAINING_STEP.lr] = float32Tensor([], Float32Array.of(lr));
  const out = await session.run(feedsFor(session.inputNames, feeds));

  const loss = float32Output(out, TRAINING_STEP.loss)[0] as number;
  if (!Number.isFinite(loss)) throw new Error(`training step ${t}: loss is ${loss}; weights left unchanged`);
  const trained = trainedTable(state);
  for (const p of state.trainable) {
    const names = paramStateNames(p);
    trained[p] = float32Output(out, names.next);
    state.moments.m[p] = float32Output(out, names.mNext);
    state.moments.v[p] = float32Output(out, names.vNext);
  }
  if (lora) refreshAdaptedWeights(state.weights, lora);
  state.optimizerStep = t;
  return { loss, gradNorm: float32Output(out, TRAINING_STEP.gradNorm)[0] as number, outputs: out };
}
