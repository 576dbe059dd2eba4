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
/**
 * Roughly balanced (the default model should read every domain); ECG gets most: six labels, one vector.
 * Tried in session 11: 300 mammograms instead of 100 (with the 1.6.0 recipe otherwise) did not lift
 * mammography on the validation split (0.30–0.45 at every checkpoint) and cost the other domains format.
 */
export const NANO_TRAIN_COUNTS: Readonly<Record<LabDomain, number>> = { cxr: 150, ct: 120, mri: 120, skin: 80, fundus: 100, pathology: 80, ultrasound: 80, ecg: 180, mammography: 100 };

/**
 * The held-out split the build scores the model on: balanced, 60 studies per domain. Until 1.4.0 it was 20
 * (the lab's default test split), where one domain's F1 moves by 0.05 per study and its 95 % interval is
 * ≈ ±0.2 wide: 1.4.0 scored CT 0.35 on those 20 studies and 0.47 on 60 of another seed.
 */
export const NANO_TEST_COUNTS: Readonly<Record<LabDomain, number>> = { cxr: 60, ct: 60, mri: 60, skin: 60, fundus: 60, pathology: 60, ultrasound: 60, ecg: 60, mammography: 60 };

/**
 * The validation split the build chooses its SFT checkpoint on (see SFT_CHECKPOINTS): a third lab seed,
 * 20 studies per domain, never the held-out split, so the held-out scores stay an unbiased estimate.
 */
export const NANO_LAB_VALIDATION_SEED = 13;
export const NANO_VALIDATION_COUNTS: Readonly<Record<LabDomain, number>> = { cxr: 20, ct: 20, mri: 20, skin: 20, fundus: 20, pathology: 20, ultrasound: 20, ecg: 20, mammography: 20 };

/**
 * The encoders' pre-training split: its own lab seed, three times the training split's images per domain
 * (an encoder fitted on 100 fundus studies memorised them), twice its ECGs, and 2400 mammograms since
 * 1.6.0: on 300 the encoder memorised the mammograms (its pre-training loss on them reaches 0), and the
 * mixed pre-training of 1.5.0 read held-out ones at chance. A mass is a blob about as bright as the
 * patchy glandular tissue around it, so the encoder must learn shape, not brightness, from many examples.
 * Mammography-only runs of this pre-training, 12 000 steps each (`npm run experiment:pretraining-size`,
 * docs/experiments/pretraining-size.md; 60 held-out mammograms, chance 0.33; token detectors / study-mean
 * probe): 300 mammograms 0.58 / 0.35 with the split memorised (final loss 0.0000), 1200 0.67 / 0.53,
 * 2400 0.65 / 0.57 (final loss 0.18, still learning). CHANGELOG "Session 10".
 */
export const NANO_LAB_PRETRAIN_SEED = 15;
export const NANO_PRETRAIN_COUNTS: Readonly<Record<LabDomain, number>> = { cxr: 300, ct: 300, mri: 300, skin: 300, fundus: 300, pathology: 300, ultrasound: 300, ecg: 600, mammography: 2400 };

/**
 * Vision pre-training on the lab's lesion masks (lesionTokenPretraining.ts): one image per step, a few
 * milliseconds each, so 48 000 steps take ~13 min on two cores. Lesion tokens weigh 5× (they are a few per
 * cent of all tokens); 70 % of draws take a lesion-showing image of the drawn study when it has one.
 * Domains whose lesions are the smallest against their background (CT's 2–4 px nodules, mammography's
 * calcification specks and masses in patchy tissue, fundus haemorrhages) are drawn more often. 1.4.x ran
 * 12 000 uniform steps; 1.5.0 36 000 with CT and mammography 3×, fundus 2× (read-outs of
 * docs/experiments/encoder-probes.md: CT 0.45–0.57 → 0.50–0.85, fundus 0.55–0.63 → 0.78–0.82; CHANGELOG
 * "Session 9"); since 1.6.0 48 000 with mammography 7×, so its 2400 pre-training mammograms (see
 * NANO_PRETRAIN_COUNTS) get ≈ 19 800 steps and each other domain as many as in 1.5.0 (≈ 2 820 per unit
 * of weight, 2 770 in 1.5.0).
 */
export const VISION_PRETRAIN = { steps: 48_000, peakLr: 1e-3, lesionWeight: 5, lesionImageShare: 0.7, domainWeights: { ct: 3, mammography: 7, fundus: 2 } } as const;

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

/**
 * SFT samples of these domains are repeated this many times in the decoder's training data (each other
 * domain's once). Since 1.6.0: with mammography read by the encoder (its detectors 0.62–0.65 on held-out
 * mammograms) the first 1.6.0 build still answered a lesion for every normal mammogram and "normal" for
 * every lung nodule on CT — the decoder, trained on 100 and 120 such studies among 1010, had not learnt to
 * read the encoders' lesion-detector rows. A repeat is the same sample drawn twice as often: the SFT
 * analogue of the pre-training's draw weights (and of DRPO's idea that scarce, hard domains must not be
 * drowned out by abundant ones). Against the first build (same encoders, 1500 steps, no repeats), held-out
 * (60 each): mammography 0.43 → 0.47 (normal mammograms called normal 0/20 → 7/20), macro F1 0.661 →
 * 0.691, but CT 0.55 → 0.37 (58 of 60 answered "normal"): between builds the decoder's training alone
 * still moves a domain by ±0.15.
 */
export const SFT_DOMAIN_REPEATS: Readonly<Partial<Record<LabDomain, number>>> = { ct: 2, mammography: 2 };

/** Decoder SFT steps (batch 8). 2500 since 1.6.0 (1500 before), so the repeats above do not cost the other domains their visits. */
export const SFT_STEPS = 2500;

/**
 * The SFT checkpoints scored on the validation split; the build ships the one with the best validation
 * macro F1 (a later one on a tie). Since 1.6.0: the decoder is small and greedy decoding brittle — one
 * build of the 1.6.0 recipe broke the pathology trace on 18 % of studies ("…a solid sheet of the225
 * mm{tumour}"), another the ultrasound one on 30 %, and which domain breaks moves with each change of data
 * or steps. Checkpoints every `every` steps over the last `lastFraction` of the run: late enough that the
 * learning rate has decayed, far enough apart that their weak spots differ.
 */
export const SFT_CHECKPOINTS = { every: 250, lastFraction: 0.4 } as const;

/** The steps of `steps` at which SFT_CHECKPOINTS score the decoder: always including the last one. */
export function sftCheckpointSteps(steps: number, { every, lastFraction }: { every: number; lastFraction: number } = SFT_CHECKPOINTS): number[] {
  const from = steps * (1 - lastFraction);
  const out: number[] = [];
  for (let s = every; s < steps; s += every) if (s >= from) out.push(s);
  return [...out, steps];
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
