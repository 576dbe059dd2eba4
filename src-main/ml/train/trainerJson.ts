import { z } from 'zod';
import { parseDrpoState, type DrpoState } from '../advantages/index.js';
import { assertValidDecoderConfig, type DecoderConfig } from '../models/decoder/index.js';
import { CHECKPOINT_FORMAT } from './checkpointFiles.js';
import { LORA_PROJECTIONS, type LoraSettings } from './loraSettings.js';
import type { TrainerState } from './TrainerState.js';

/** The non-tensor part of a TrainerState, as stored in trainer.json. */
export interface TrainerJson {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly version: 1;
  readonly config: DecoderConfig;
  readonly trainable: readonly string[];
  /** LoRA settings of a LoRA run (its targets follow from them and the config); null otherwise. */
  readonly lora: LoraSettings | null;
  readonly hasReference: boolean;
  readonly step: number;
  readonly optimizerStep: number;
  readonly seed: number;
  readonly rngState: number;
  readonly drpo: DrpoState | null;
}

const count = z.number().int().nonnegative();
const uint32 = z.number().int().min(0).max(0xffffffff);
const configSchema = z.object({
  vocabSize: count,
  hiddenSize: count,
  numLayers: count,
  numHeads: count,
  numKvHeads: count,
  headDim: count,
  intermediateSize: count,
  rmsNormEps: z.number(),
  ropeTheta: z.number(),
  mropeSection: z.tuple([count, count, count]),
  tieWordEmbeddings: z.boolean(),
  dtype: z.literal('float32'),
});
const loraSchema = z.object({
  rank: z.number().int().positive(),
  alpha: z.number().positive(),
  targets: z.array(z.enum(LORA_PROJECTIONS)).min(1),
  seed: uint32,
});
const schema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  version: z.literal(1),
  config: configSchema,
  trainable: z.array(z.string()),
  // Absent in checkpoints written before LoRA existed: those are full / partial fine-tuning runs.
  lora: loraSchema.nullable().default(null),
  hasReference: z.boolean(),
  step: count,
  optimizerStep: count,
  seed: uint32,
  rngState: uint32,
  drpo: z.unknown(),
});

export function toTrainerJson(state: TrainerState): TrainerJson {
  const { config, trainable, step, optimizerStep, seed, rngState, drpo } = state;
  const lora = state.lora ? { ...state.lora.settings, targets: [...state.lora.settings.targets] } : null;
  return { format: CHECKPOINT_FORMAT, version: 1, config, trainable, lora, hasReference: state.reference !== null, step, optimizerStep, seed, rngState, drpo };
}

/** Validates trainer.json (throws naming the bad field). */
export function parseTrainerJson(text: string): TrainerJson {
  const raw = schema.parse(JSON.parse(text));
  assertValidDecoderConfig(raw.config);
  return { ...raw, drpo: raw.drpo === null ? null : parseDrpoState(raw.drpo) };
}
