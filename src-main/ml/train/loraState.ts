/**
 * The LoRA part of a TrainerState. A LoRA run trains only the factors; the base weights are fed to the
 * step graph as frozen inputs. `state.weights` keeps meaning "the policy" in every run: under LoRA it
 * holds the adapted weights W + (alpha/rank)·B·A, refreshed after each update, so sampling, old/reference
 * log-probs, checkpoints' model.safetensors, `qoq eval` and `model.init` all see the adapted model with
 * no LoRA-specific code — and the output model is a plain model package.
 */
import { decoderParameterSpecs, type DecoderConfig } from '../models/decoder/index.js';
import { mergeLora } from './loraMerge.js';
import { loraNames, loraTargetWeights, type LoraSettings } from './loraSettings.js';
import type { ParamTable } from './TrainerState.js';

export interface LoraState {
  readonly settings: LoraSettings;
  /** Adapted weights with their [out, in] shapes, in loraTargetWeights order. */
  readonly targets: ReadonlyMap<string, readonly [number, number]>;
  /** The frozen base weights (every decoder parameter): what the step graph is fed. */
  readonly base: ParamTable;
  /** `<W>.lora_A` [rank, in] and `<W>.lora_B` [out, rank]: the trained tensors. */
  readonly factors: ParamTable;
}

/** The decoder weights `settings` adapts; throws when the model has none of the targeted kinds. */
export function loraTargets(config: DecoderConfig, settings: LoraSettings): Map<string, readonly [number, number]> {
  const shapes = new Map(decoderParameterSpecs(config).map((s) => [s.name, s.dims]));
  const names = loraTargetWeights(shapes, settings);
  if (names.length === 0) throw new Error(`LoRA: the model has no ${settings.targets.join('/')} projection weights to adapt`);
  return new Map(names.map((n) => [n, shapes.get(n) as [number, number]]));
}

/** Factor name → dims, A then B per target: the order applyLora lists its params in. */
export function loraFactorShapes(targets: ReadonlyMap<string, readonly [number, number]>, rank: number): Map<string, readonly number[]> {
  const shapes = new Map<string, readonly number[]>();
  for (const [weight, [out, inp]] of targets) {
    const n = loraNames(weight);
    shapes.set(n.a, [rank, inp]);
    shapes.set(n.b, [out, rank]);
  }
  return shapes;
}

/** Zero-filled factors: placeholders for applyLora's initializers where a step graph feeds the real ones. */
export function zeroLoraFactors(targets: ReadonlyMap<string, readonly [number, number]>, rank: number): ParamTable {
  return Object.fromEntries([...loraFactorShapes(targets, rank)].map(([n, dims]) => [n, new Float32Array((dims[0] as number) * (dims[1] as number))]));
}

/** Writes the adapted targets into `weights` (W + scale·B·A from the current factors; mergeLora's float64 sum). */
export function refreshAdaptedWeights(weights: ParamTable, lora: LoraState): void {
  const merged = mergeLora(lora.base, lora.factors, lora.targets, lora.settings);
  for (const name of lora.targets.keys()) weights[name] = merged[name] as Float32Array;
}
