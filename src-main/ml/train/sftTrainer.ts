import { Mulberry32 } from '../advantages/index.js';
import type { AdamWConfig } from '../optim/index.js';
import { buildTrainStep } from './buildTrainStep.js';
import { QOQ_MED_ADAMW, QOQ_MED_GRAD_CLIP, type LearningRate } from './OptimizerSettings.js';
import { bucketLength, packBatch, sequenceLength, type PromptResponse } from './packBatch.js';
import { pickIndices } from './randomOrder.js';
import { runTrainingLoop, type LoopOptions, type TrainResult } from './runTrainingLoop.js';
import { SessionCache } from './SessionCache.js';
import { sftUpdate } from './sftUpdate.js';

export interface SftOptions extends LoopOptions {
  readonly data: readonly PromptResponse[];
  readonly lr: LearningRate;
  readonly batchSize?: number; // 8: examples per update, drawn without replacement each step
  readonly optimizer?: AdamWConfig; // QOQ_MED_ADAMW
  readonly clip?: number; // QOQ_MED_GRAD_CLIP
  readonly padId?: number; // 0: filler after the sequence (masked out)
  readonly seqBucket?: number; // 8: sequence lengths are padded up to a multiple of this
}

/** Supervised fine-tuning on the responses: one AdamW update per step on a random batch. */
export async function sftTrainer(options: SftOptions): Promise<TrainResult> {
  const { state, data } = options;
  if (data.length === 0) throw new Error('sftTrainer: no data');
  const batch = Math.min(options.batchSize ?? 8, data.length);
  const seqLen = bucketLength(Math.max(...data.map(sequenceLength)), options.seqBucket ?? 8);
  const sessions = new SessionCache();
  try {
    const trainStep = await sessions.get(`sft:b${batch}:s${seqLen}`, () =>
      buildTrainStep(state.config, { kind: 'sft', batch, seqLen, params: state.trainable, lora: state.lora?.settings, optimizer: options.optimizer ?? QOQ_MED_ADAMW, clip: options.clip ?? QOQ_MED_GRAD_CLIP }),
    );
    return await runTrainingLoop(options, async (step) => {
      const started = performance.now();
      // 1. This step's examples, from the checkpointed data-order stream.
      const rng = new Mulberry32(state.rngState);
      const rows = pickIndices(data.length, batch, rng).map((i) => data[i] as PromptResponse);
      // 2. One update on them; 3. commit the step and report it.
      return await sftUpdate(options, step, started, { session: trainStep, feeds: packBatch(state.config, rows, batch, seqLen, options.padId ?? 0), rows, rng });
    });
  } finally {
    await sessions.release();
  }
}
