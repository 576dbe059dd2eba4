import type { LabDomain } from '../../lab/index';
import { splitMix32 } from '../../ml/random/splitMix32.js';

/**
 * The fixed inputs of the qoq-med-nano recipe that more than one script reads: `npm run model:build`
 * trains on them, `npm run experiment:probes` measures what the same seeded encoders see in the same
 * training split.
 */
export const NANO_SEED = 2026;
export const NANO_LAB_TRAIN_SEED = 11;
export const NANO_LAB_TEST_SEED = 12;
/** Roughly balanced (the default model should read every domain); ECG gets most: six labels, one vector. */
export const NANO_TRAIN_COUNTS: Readonly<Record<LabDomain, number>> = { cxr: 150, ct: 120, mri: 120, skin: 80, fundus: 100, pathology: 80, ultrasound: 80, ecg: 180, mammography: 100 };

/** One independent seed per network and for training, drawn from the recipe seed by SplitMix32. */
export function nanoSeeds(seed: number = NANO_SEED): { decoder: number; vision: number; ecg: number; train: number } {
  const out: number[] = [];
  let s = seed >>> 0;
  for (let i = 0; i < 4; i++) {
    const [value, nextState] = splitMix32(s);
    out.push(value);
    s = nextState;
  }
  const [decoder, vision, ecg, train] = out as [number, number, number, number];
  return { decoder, vision, ecg, train };
}
