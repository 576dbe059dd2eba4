/**
 * Folds trained LoRA factors into the base weights, W' = W + (alpha/rank) · B·A, so the fine-tuned model
 * ships as a plain model package (same graphs, same loader) with no adapter at inference time.
 * Accumulates in float64 and rounds once to float32.
 */
import { loraNames, loraScale, type LoraSettings } from './loraSettings.js';
import type { ParamTable } from './TrainerState.js';

export function mergeLora(base: ParamTable, factors: ParamTable, targets: ReadonlyMap<string, readonly [number, number]>, settings: LoraSettings): ParamTable {
  const merged: ParamTable = { ...base };
  const s = loraScale(settings);
  const r = settings.rank;
  for (const [name, [out, inp]] of targets) {
    const w = base[name];
    const n = loraNames(name);
    const a = factors[n.a];
    const b = factors[n.b];
    if (!w || !a || !b) throw new Error(`mergeLora: missing ${!w ? name : !a ? n.a : n.b}`);
    if (w.length !== out * inp || a.length !== r * inp || b.length !== out * r) throw new Error(`mergeLora: sizes of ${name} and its factors do not match [${out}, ${inp}] at rank ${r}`);
    const next = new Float32Array(out * inp);
    for (let o = 0; o < out; o++) {
      for (let i = 0; i < inp; i++) {
        let sum = 0;
        for (let k = 0; k < r; k++) sum += (b[o * r + k] as number) * (a[k * inp + i] as number);
        next[o * inp + i] = (w[o * inp + i] as number) + s * sum;
      }
    }
    merged[name] = next;
  }
  return merged;
}
