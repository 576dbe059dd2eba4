import type { Mulberry32 } from '../advantages/index.js';
import type { HostTensor, ModelSession } from '../ort/index.js';
import { applyTrainStep } from './applyTrainStep.js';
import { lrAt, type LearningRate } from './OptimizerSettings.js';
import type { PromptResponse } from './packBatch.js';
import type { LoopOptions } from './runTrainingLoop.js';

/**
 * The part of an SFT step both SFT trainers share, after they have drawn their rows: one AdamW update
 * through `session`, then the step is committed (data-order RNG state, step count) and reported.
 */
export async function sftUpdate(
  options: LoopOptions & { readonly lr: LearningRate },
  step: number,
  started: number,
  update: { readonly session: ModelSession; readonly feeds: Readonly<Record<string, HostTensor>>; readonly rows: readonly PromptResponse[]; readonly rng: Mulberry32 },
): Promise<'done'> {
  const { state } = options;
  const lr = lrAt(options.lr, step);
  const { loss, gradNorm } = await applyTrainStep(update.session, state, update.feeds, lr);
  state.rngState = update.rng.state;
  state.step = step;
  const tokens = update.rows.reduce((n, r) => n + r.responseIds.length, 0);
  options.onMetrics?.({ type: 'sft-step', step, lr, loss, gradNorm, tokens, timeMs: performance.now() - started });
  return 'done';
}
