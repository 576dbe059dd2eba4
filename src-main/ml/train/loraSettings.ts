/**
 * LoRA (Hu et al. 2021) settings for fine-tuning large decoders where full AdamW state does not fit:
 * each targeted projection W (HF layout [out, in]) trains as W + (alpha / rank) · B · A with
 * A: [rank, in], B: [out, rank]; W itself stays frozen. Defaults follow PEFT's usual QLoRA-style
 * choice for Qwen2 models: every attention and MLP projection, rank 8, alpha 16.
 */

export const LORA_PROJECTIONS = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'] as const;
export type LoraProjection = (typeof LORA_PROJECTIONS)[number];

export interface LoraSettings {
  readonly rank: number;
  /** Scale numerator: the update is (alpha / rank) · B·A, so changing rank keeps the step size. */
  readonly alpha: number;
  readonly targets: readonly LoraProjection[];
  /** Seed of A's initial values (B starts at zero, so the adapted model starts equal to the base). */
  readonly seed: number;
}

export const DEFAULT_LORA: LoraSettings = { rank: 8, alpha: 16, targets: LORA_PROJECTIONS, seed: 0 };

export const loraScale = (s: LoraSettings): number => s.alpha / s.rank;

/** Names of the two factors of weight `w`, stored and fed beside the base weights. */
export function loraNames(weight: string): { readonly a: string; readonly b: string } {
  return { a: `${weight}.lora_A`, b: `${weight}.lora_B` };
}

const PROJECTION_WEIGHT = /\.(self_attn|mlp)\.(q_proj|k_proj|v_proj|o_proj|gate_proj|up_proj|down_proj)\.weight$/;

/** The weights LoRA adapts, in the given order: 2-D projection weights of the targeted kinds. */
export function loraTargetWeights(weights: ReadonlyMap<string, readonly number[]>, settings: LoraSettings): string[] {
  if (!(Number.isInteger(settings.rank) && settings.rank > 0)) throw new RangeError(`LoRA rank must be a positive integer, got ${settings.rank}`);
  if (!(settings.alpha > 0)) throw new RangeError(`LoRA alpha must be positive, got ${settings.alpha}`);
  const wanted = new Set<string>(settings.targets);
  const out: string[] = [];
  for (const [name, dims] of weights) {
    const kind = PROJECTION_WEIGHT.exec(name)?.[2];
    if (kind === undefined || !wanted.has(kind)) continue;
    if (dims.length !== 2) throw new Error(`LoRA target '${name}' is not a matrix (${dims.join('×')})`);
    out.push(name);
  }
  return out;
}
