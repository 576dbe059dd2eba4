/**
 * Initial LoRA factors: A uniform in ±1/√in (PEFT's kaiming_uniform with a = √5 gives exactly this
 * bound), B all zeros — so B·A = 0 and the adapted model starts as the base model, while A's
 * randomness lets the first gradients reach B. Seeded, so a run is reproducible.
 */
import { Mulberry32 } from '../random/Mulberry32.js';
import { loraNames, type LoraSettings } from './loraSettings.js';
import type { ParamTable } from './TrainerState.js';

export function initLoraWeights(targets: ReadonlyMap<string, readonly [out: number, inp: number]>, settings: LoraSettings): ParamTable {
  const rng = new Mulberry32(settings.seed);
  const table: ParamTable = {};
  for (const [weight, [out, inp]] of targets) {
    const bound = 1 / Math.sqrt(inp);
    const a = new Float32Array(settings.rank * inp);
    for (let i = 0; i < a.length; i++) a[i] = (2 * rng.next() - 1) * bound;
    const names = loraNames(weight);
    table[names.a] = a;
    table[names.b] = new Float32Array(out * settings.rank);
  }
  return table;
}
