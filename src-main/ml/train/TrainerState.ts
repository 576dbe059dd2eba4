import { createDrpoState, type DrpoState } from '../advantages/index.js';
import { decoderParameterSpecs, type DecoderConfig, type DecoderWeights } from '../models/decoder/index.js';
import { initLoraWeights } from './loraInit.js';
import type { LoraSettings } from './loraSettings.js';
import { loraFactorShapes, loraTargets, type LoraState } from './loraState.js';

/** Float32 values per Hugging Face parameter name; shapes come from the config (decoderParameterSpecs). */
export type ParamTable = Record<string, Float32Array>;

/**
 * Everything a run needs to continue exactly where it stopped. All of it is plain data: tensors are
 * Float32Arrays (saved as safetensors), the rest JSON-compatible numbers (saved as JSON).
 */
export interface TrainerState {
  readonly config: DecoderConfig;
  /** The policy's weights, every decoder parameter (trainable or not); under LoRA the adapted ones. */
  readonly weights: ParamTable;
  /** Names of the trained parameters (under LoRA: the factors); the others are frozen (no moments, never updated). */
  readonly trainable: readonly string[];
  /** LoRA runs: settings, frozen base weights and the trained factors; null for full / partial fine-tuning. */
  readonly lora: LoraState | null;
  /** AdamW first / second moments of each trainable parameter. */
  readonly moments: { readonly m: ParamTable; readonly v: ParamTable };
  /** Frozen copy of the starting weights for the KL term (under LoRA: the base table itself); null when no KL is used. */
  readonly reference: ParamTable | null;
  /** Completed trainer steps (one rollout + update round, or one SFT batch). */
  step: number;
  /** Completed AdamW updates (several per GRPO step with PPO epochs / minibatches): its bias correction t. */
  optimizerStep: number;
  /** Root seed: generation streams are derived from (seed, step, question), so they need no saved state. */
  readonly seed: number;
  /** Mulberry32 state of the data-order stream (question picks, minibatch shuffles). */
  rngState: number;
  /** DRPO's per-domain reward history; null for SFT / plain GRPO runs. */
  drpo: DrpoState | null;
}

export interface CreateTrainerStateOptions {
  readonly seed?: number; // 0
  /** Parameters to train (freeze = omit); default all of them. Not with `lora`, which trains only its factors. */
  readonly trainable?: readonly string[];
  /** Train LoRA factors on the targeted projections instead of the weights (they stay frozen). */
  readonly lora?: LoraSettings;
  /** Keep a frozen reference copy for the KL term (GRPO/DRPO with klCoef > 0). Default false. */
  readonly keepReference?: boolean;
  /** Start a DRPO history (needed for advantage: 'drpo'). Default false. */
  readonly drpo?: boolean;
}

/** A fresh state from a model's weights (copied, so the caller's tables are never mutated). */
export function createTrainerState(config: DecoderConfig, weights: DecoderWeights, options: CreateTrainerStateOptions = {}): TrainerState {
  if (config.dtype !== 'float32') throw new Error(`createTrainerState: training runs in float32, the config is ${config.dtype}`);
  const names = decoderParameterSpecs(config).map((s) => s.name);
  if (options.lora && options.trainable) throw new Error('createTrainerState: with LoRA only the adapter factors train; do not pass `trainable` too');
  const table: ParamTable = {};
  for (const name of names) {
    const w = weights[name];
    if (w === undefined) throw new Error(`createTrainerState: missing weight '${name}'`);
    table[name] = Float32Array.from(w.data);
  }
  // B starts at zero, so the adapted weights start equal to the base: they share its arrays (tensors are
  // replaced, never written in place, so the base cannot change) until an update replaces the targets.
  const lora: LoraState | null = options.lora ? startLora(config, table, options.lora) : null;
  const trainable = lora ? [...loraFactorShapes(lora.targets, lora.settings.rank).keys()] : (options.trainable ?? names);
  for (const p of lora ? [] : trainable) if (!names.includes(p)) throw new Error(`createTrainerState: '${p}' is not a parameter of this decoder`);
  const trained = lora ? lora.factors : table;
  const zeros = (): ParamTable => Object.fromEntries(trainable.map((p) => [p, new Float32Array((trained[p] as Float32Array).length)]));
  const seed = (options.seed ?? 0) >>> 0;
  return {
    config,
    weights: lora ? { ...table } : table,
    trainable: [...trainable],
    lora,
    moments: { m: zeros(), v: zeros() },
    // Under LoRA the base never changes, so it is the reference: no second copy.
    reference: options.keepReference ? (lora ? lora.base : copyTable(table)) : null,
    step: 0,
    optimizerStep: 0,
    seed,
    rngState: seed,
    drpo: options.drpo ? createDrpoState({ seed }) : null,
  };
}

function startLora(config: DecoderConfig, base: ParamTable, settings: LoraSettings): LoraState {
  const targets = loraTargets(config, settings);
  return { settings, targets, base, factors: initLoraWeights(targets, settings) };
}

/** The table holding the trained tensors: the LoRA factors, or the weights themselves. */
export const trainedTable = (state: TrainerState): ParamTable => state.lora?.factors ?? state.weights;

export function copyTable(table: ParamTable): ParamTable {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [k, v.slice()]));
}

/** The weights as the decoder builders take them ({dims, data} per HF name). */
export function asDecoderWeights(config: DecoderConfig, table: ParamTable): DecoderWeights {
  return Object.fromEntries(decoderParameterSpecs(config).map((s) => [s.name, { dims: s.dims, data: table[s.name] ?? new Float32Array(0) }]));
}
