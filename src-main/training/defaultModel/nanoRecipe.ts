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

/**
 * The held-out split the build scores the model on: balanced, 60 studies per domain. Until 1.4.0 it was 20
 * (the lab's default test split), where one domain's F1 moves by 0.05 per study and its 95 % interval is
 * ≈ ±0.2 wide: 1.4.0 scored CT 0.35 on those 20 studies and 0.47 on 60 of another seed.
 */
export const NANO_TEST_COUNTS: Readonly<Record<LabDomain, number>> = { cxr: 60, ct: 60, mri: 60, skin: 60, fundus: 60, pathology: 60, ultrasound: 60, ecg: 60, mammography: 60 };

/**
 * The encoders' pre-training split: its own lab seed, three times the training split's images per domain
 * and balanced (an encoder fitted on 100 fundus studies memorised them), twice its ECGs.
 */
export const NANO_LAB_PRETRAIN_SEED = 15;
export const NANO_PRETRAIN_COUNTS: Readonly<Record<LabDomain, number>> = { cxr: 300, ct: 300, mri: 300, skin: 300, fundus: 300, pathology: 300, ultrasound: 300, ecg: 600, mammography: 300 };

/**
 * Vision pre-training on the lab's lesion masks (lesionTokenPretraining.ts): one image per step, a few
 * milliseconds each, so 36 000 steps take ~10 min on two cores. Lesion tokens weigh 5× (they are a few per
 * cent of all tokens); 70 % of draws take a lesion-showing image of the drawn study when it has one.
 * CT and mammography are drawn 3× and fundus 2× as often as each other domain: their lesions are the
 * smallest against their background (2–4 px nodules, calcification specks, small haemorrhages). Since
 * 1.5.0; with 12 000 uniform steps (1.4.x) the read-outs of docs/experiments/encoder-probes.md read CT at
 * 0.45–0.57 and fundus at 0.55–0.63, with these settings at 0.50–0.85 and 0.78–0.82 (CHANGELOG "Session 9").
 */
export const VISION_PRETRAIN = { steps: 36_000, peakLr: 1e-3, lesionWeight: 5, lesionImageShare: 0.7, domainWeights: { ct: 3, mammography: 3, fundus: 2 } } as const;

/**
 * Domain draw weights in words, for the recipe text of the manifest and the probes report:
 * { ct: 3, fundus: 2 } → "ct 3× and fundus 2× as often as each other domain".
 */
export function describeDrawWeights(weights: Readonly<Record<string, number>>): string {
  const parts = Object.entries(weights).map(([domain, w]) => `${domain} ${w}×`);
  if (parts.length === 0) return 'every domain equally often';
  const listed = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}` : parts[0]!;
  return `${listed} as often as each other domain`;
}

/** ECG pre-training on the lab's labels (ecgLabelPretraining.ts): batches of 16 records, labels drawn uniformly. */
export const ECG_PRETRAIN = { steps: 1500, batch: 16, peakLr: 1e-3 } as const;

/**
 * One independent seed per network, for decoder training and for the vision pre-training's draws, from
 * the recipe seed by SplitMix32 (the last two were added in 1.4.0: the first four are unchanged by them).
 */
export function nanoSeeds(seed: number = NANO_SEED): { decoder: number; vision: number; ecg: number; train: number; visionPretrain: number; ecgPretrain: number } {
  const out: number[] = [];
  let s = seed >>> 0;
  for (let i = 0; i < 6; i++) {
    const [value, nextState] = splitMix32(s);
    out.push(value);
    s = nextState;
  }
  const [decoder, vision, ecg, train, visionPretrain, ecgPretrain] = out as [number, number, number, number, number, number];
  return { decoder, vision, ecg, train, visionPretrain, ecgPretrain };
}
