import { Mulberry32 } from '../advantages/index.js';
import type { SessionOptions } from '../ort/index.js';
import type { AdamWConfig } from '../optim/index.js';
import { buildTrainStep } from './buildTrainStep.js';
import type { MultimodalSample } from './multimodalSample.js';
import { QOQ_MED_ADAMW, QOQ_MED_GRAD_CLIP, type LearningRate } from './OptimizerSettings.js';
import { bucketLength, sequenceLength } from './packBatch.js';
import { packMultimodalBatch } from './packMultimodalBatch.js';
import { pickIndices } from './randomOrder.js';
import { runTrainingLoop, type LoopOptions, type TrainResult } from './runTrainingLoop.js';
import { SessionCache } from './SessionCache.js';
import { sftUpdate } from './sftUpdate.js';

export interface MultimodalSftOptions extends LoopOptions {
  readonly data: readonly MultimodalSample[];
  readonly lr: LearningRate;
  readonly batchSize?: number; // 8
  readonly optimizer?: AdamWConfig; // QOQ_MED_ADAMW
  readonly clip?: number; // QOQ_MED_GRAD_CLIP
  readonly padId?: number; // 0
  /** Sequence lengths are padded up to a multiple of this; each distinct length is one graph. Default 64. */
  readonly seqBucket?: number;
  /** ORT options of the step sessions (default one intra-op thread: bit-reproducible runs). */
  readonly session?: SessionOptions;
}

/**
 * SFT on multimodal samples (frozen encoder features fed as media_embeds). Samples are grouped by
 * padded length, so a CT prompt of four slices does not pad every ECG prompt to its length: each step
 * picks one length group with probability proportional to its size, then a batch inside it without
 * replacement — every sample stays equally likely per step, as in sftTrainer.
 */
export async function multimodalSftTrainer(options: MultimodalSftOptions): Promise<TrainResult> {
  const { state, data } = options;
  if (data.length === 0) throw new Error('multimodalSftTrainer: no data');
  const groups = lengthGroups(data, options.seqBucket ?? 64);
  const sessions = new SessionCache(options.session);
  try {
    return await runTrainingLoop(options, async (step) => {
      const started = performance.now();
      // 1. This step's length group and examples, from the checkpointed data-order stream.
      const rng = new Mulberry32(state.rngState);
      const group = pickGroup(groups, data.length, rng.next());
      const batch = Math.min(options.batchSize ?? 8, group.members.length);
      const rows = pickIndices(group.members.length, batch, rng).map((i) => data[group.members[i] as number] as MultimodalSample);
      // 2. One update on them, through the step graph of this (batch, length) bucket.
      const session = await sessions.get(`mm-sft:b${batch}:s${group.seqLen}`, () =>
        buildTrainStep(state.config, {
          kind: 'sft',
          batch,
          seqLen: group.seqLen,
          params: state.trainable,
          lora: state.lora?.settings,
          optimizer: options.optimizer ?? QOQ_MED_ADAMW,
          clip: options.clip ?? QOQ_MED_GRAD_CLIP,
          media: true,
        }),
      );
      const feeds = packMultimodalBatch(state.config, rows, batch, group.seqLen, options.padId ?? 0);
      // 3. Commit the step and report it.
      return await sftUpdate(options, step, started, { session, feeds, rows, rng });
    });
  } finally {
    await sessions.release();
  }
}

interface LengthGroup {
  readonly seqLen: number;
  readonly members: readonly number[];
}

function lengthGroups(data: readonly MultimodalSample[], multiple: number): LengthGroup[] {
  const byLength = new Map<number, number[]>();
  data.forEach((sample, i) => {
    const seqLen = bucketLength(sequenceLength(sample), multiple);
    byLength.set(seqLen, [...(byLength.get(seqLen) ?? []), i]);
  });
  return [...byLength.entries()].sort((a, b) => a[0] - b[0]).map(([seqLen, members]) => ({ seqLen, members }));
}

/** The group holding the `u`-quantile sample: a draw proportional to group size. */
function pickGroup(groups: readonly LengthGroup[], total: number, u: number): LengthGroup {
  let target = Math.floor(u * total);
  for (const group of groups) {
    if (target < group.members.length) return group;
    target -= group.members.length;
  }
  return groups[groups.length - 1] as LengthGroup;
}
