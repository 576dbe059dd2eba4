/**
 * `npm run experiment:pretraining-size`: how many pre-training images one domain's lesions need before the
 * vision encoder reads them on held-out studies. The recipe's vision pre-training (lesionTokenPretraining.ts,
 * the settings of VISION_PRETRAIN) on ONE domain's studies only, from qoq-med-nano's seeded encoder, with
 * pre-training splits of several sizes and the same number of steps each; then the read-outs of
 * `npm run experiment:probes` (token detectors and study-mean probes, fitted on the model's training split of
 * that domain, scored on 60 held-out studies). Why: 1.5.0's encoder read mammograms at chance
 * although the lesions are plain to the eye; the pre-training loss showed it memorising its 300 mammograms.
 * Writes docs/experiments/pretraining-size.md.
 * Options: --domain D (default mammography), --sizes 300,1200,2400, --steps N (default 12000 per size),
 * --work DIR (scratch; labs and stores are reused when present), --quick (tiny sizes, nothing written to docs/).
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateLab, LAB_DOMAIN_NAMES, LAB_DOMAINS, type LabDomain } from '../src-main/lab/index';
import { initDecoderWeights } from '../src-main/ml/models/decoder/index.js';
import { loadModel } from '../src-main/ml/runtime/index.js';
import { LAB_LABEL_COUNTS } from '../src-main/training/defaultModel/encoderStudy.js';
import { labLesionDetectors } from '../src-main/training/defaultModel/lesionTokenMarks.js';
import { pretrainVisionOnLesions } from '../src-main/training/defaultModel/lesionTokenPretraining.js';
import { nanoManifest } from '../src-main/training/defaultModel/nanoManifest.js';
import { NANO_LAB_PRETRAIN_SEED, NANO_LAB_TEST_SEED, NANO_LAB_TRAIN_SEED, NANO_TRAIN_COUNTS, VISION_PRETRAIN } from '../src-main/training/defaultModel/nanoRecipe.js';
import { OutputLayerInputs } from '../src-main/training/defaultModel/outputLayerInputs.js';
import { collectPretrainingData } from '../src-main/training/defaultModel/pretrainingData.js';
import { writeQoqPackage } from '../src-main/training/defaultModel/writeQoqPackage.js';
import { seededNanoEncoders } from '../src-main/training/experiment/seededNanoEncoders.js';
import { collectProbeStudies, PROBE_VARIANTS, probeReport } from '../src-main/training/experiment/encoderProbes.js';

const { values: args } = parseArgs({
  options: {
    domain: { type: 'string', default: 'mammography' },
    sizes: { type: 'string', default: '300,1200,2400' },
    steps: { type: 'string' },
    work: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const quick = args.quick ?? false;
const domain = args.domain as LabDomain;
if (!LAB_DOMAIN_NAMES.includes(domain) || domain === 'ecg') throw new Error(`--domain must be an image domain of the lab (${LAB_DOMAIN_NAMES.filter((d) => d !== 'ecg').join(', ')}), got '${args.domain}'`);
const sizes = quick ? [6, 12] : (args.sizes ?? '').split(',').map(Number);
if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 3)) throw new Error(`--sizes must be a comma-separated list of integers ≥ 3, got '${args.sizes}'`);
const steps = quick ? 40 : Number(args.steps ?? 12_000);
if (!Number.isInteger(steps) || steps < 1) throw new Error(`--steps must be a positive integer, got '${args.steps}'`);
const TEST_STUDIES = quick ? 6 : 60;
/** Pre-training losses averaged over this many final steps: near 0 means the split was memorised. */
const LOSS_TAIL = Math.min(500, steps);

const work = path.resolve(args.work ?? mkdtempSync(path.join(os.tmpdir(), 'qoq-pretraining-size-')));
const started = performance.now();
const log = (m: string): void => console.log(`[${((performance.now() - started) / 60_000).toFixed(1)} min] ${m}`);
const only = (n: number): Record<LabDomain, number> => Object.fromEntries(LAB_DOMAIN_NAMES.map((d) => [d, d === domain ? n : 0])) as Record<LabDomain, number>;
async function lab(name: string, seed: number, split: 'train' | 'test', n: number): Promise<string> {
  const dir = path.join(work, name);
  if (!existsSync(path.join(dir, 'lab-manifest.jsonl'))) await generateLab({ seed, outDir: dir, split, counts: only(n) });
  return dir;
}
const TRAIN_STUDIES = quick ? 6 : NANO_TRAIN_COUNTS[domain];
const trainLab = await lab('lab-train', NANO_LAB_TRAIN_SEED, 'train', TRAIN_STUDIES);
const testLab = await lab('lab-test', NANO_LAB_TEST_SEED, 'test', TEST_STUDIES);

// qoq-med-nano's seeded encoders in a package (the preprocessing and the analysis path of `qoq analyze`).
const { tokenizerJson, tokenizer, arch, seeds, vision, ecg, width, visionLabels } = seededNanoEncoders();
const packageDir = path.join(work, 'package');
const lineage = { baseModel: null, trainingData: null, recipe: 'pre-training size experiment', metrics: null, createdUtc: new Date().toISOString() };
await writeQoqPackage(packageDir, { arch, tokenizer: tokenizerJson, decoder: initDecoderWeights(arch.decoder, seeds.decoder), vision, ecg, manifest: nanoManifest(tokenizer, arch, '0.0.0-pretraining-size', lineage) });
const model = await loadModel(packageDir, { intraOpThreads: 1 });
const detectors = labLesionDetectors();

interface Row {
  size: number;
  minutes: number;
  lossHead: number;
  lossTail: number;
  accuracy: Record<string, number>;
}
const rows: Row[] = [];
try {
  for (const size of sizes) {
    const pretrainLab = await lab(`lab-pretrain-${size}`, NANO_LAB_PRETRAIN_SEED, 'train', size);
    const studies = (await collectPretrainingData(pretrainLab, path.join(work, `store-pretrain-${size}`), model, detectors, arch.vision.spatialMergeSize)).images;
    const t0 = performance.now();
    const { peakLr, lesionWeight, lesionImageShare } = VISION_PRETRAIN;
    const result = await pretrainVisionOnLesions({ config: arch.vision, weights: vision, detectors, studies, steps, peakLr, lesionWeight, lesionImageShare, seed: seeds.visionPretrain });
    const minutes = (performance.now() - t0) / 60_000;
    const mean = (from: number, to: number): number => result.losses.subarray(from, to).reduce((a, b) => a + b, 0) / (to - from);
    const inputs = await OutputLayerInputs.open(arch, { vision: result.weights, ecg }, { vision: visionLabels, ecg: { ecg: LAB_LABEL_COUNTS.ecg! } });
    try {
      const train = await collectProbeStudies(trainLab, path.join(work, 'store-train'), model, inputs, arch.vision.spatialMergeSize);
      const test = await collectProbeStudies(testLab, path.join(work, 'store-test'), model, inputs, arch.vision.spatialMergeSize);
      const accuracy = probeReport(train, test, width).accuracy[domain]!;
      rows.push({ size, minutes, lossHead: mean(0, LOSS_TAIL), lossTail: mean(steps - LOSS_TAIL, steps), accuracy: { ...accuracy } });
      log(`${size} ${domain} studies, ${steps} steps (${minutes.toFixed(1)} min): detectors ${accuracy.detectors.toFixed(2)}, loss ${mean(steps - LOSS_TAIL, steps).toFixed(4)}`);
    } finally {
      await inputs.release();
    }
  }
} finally {
  await model.release();
}

const chance = 1 / LAB_DOMAINS[domain].labels.length;
const headings = { 'joint-image': 'probe joint/image', 'joint-study': 'probe joint/study', 'per-domain': 'probe per-domain' } as const;
const markdown = [
  `# How many pre-training images a domain needs — \`npm run experiment:pretraining-size\``,
  '',
  `Generated by \`npm run experiment:pretraining-size -- --domain ${domain} --sizes ${sizes.join(',')} --steps ${steps}\` in ${((performance.now() - started) / 60_000).toFixed(1)} min`,
  `(${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, shared). The recipe's vision pre-training on the lesion masks (lesionTokenPretraining.ts: peak lr`,
  `${VISION_PRETRAIN.peakLr}, lesion tokens ${VISION_PRETRAIN.lesionWeight}×, ${VISION_PRETRAIN.lesionImageShare * 100} % lesion-image draws) from qoq-med-nano's seeded encoder, on ${domain} studies only: pre-training`,
  `splits of lab seed ${NANO_LAB_PRETRAIN_SEED} of each size, ${steps} steps of one image each. Read-outs as in docs/experiments/encoder-probes.md, fitted on the`,
  `model's training split (lab seed ${NANO_LAB_TRAIN_SEED}, ${TRAIN_STUDIES} ${domain} studies), scored on ${TEST_STUDIES} held-out studies (lab seed ${NANO_LAB_TEST_SEED}); chance ${chance.toFixed(2)}.`,
  `Pre-training loss: mean over the first and the last ${LOSS_TAIL} steps (near 0 at the end: the split is memorised).`,
  '',
  `| pre-training studies | steps | minutes | loss first / last ${LOSS_TAIL} | detectors | ${PROBE_VARIANTS.map((v) => headings[v]).join(' | ')} |`,
  `|---|---|---|---|---|${PROBE_VARIANTS.map(() => '---|').join('')}`,
  ...rows.map(
    (r) =>
      `| ${r.size} | ${steps} | ${r.minutes.toFixed(1)} | ${r.lossHead.toFixed(3)} / ${r.lossTail.toFixed(4)} | ${r.accuracy.detectors!.toFixed(2)} | ${PROBE_VARIANTS.map((v) => r.accuracy[v]!.toFixed(2)).join(' | ')} |`,
  ),
  '',
  `With ${TEST_STUDIES} held-out studies one study moves an accuracy by ${(1 / TEST_STUDIES).toFixed(3)}; the binomial 95 % interval at chance is about ±${(1.96 * Math.sqrt((chance * (1 - chance)) / TEST_STUDIES)).toFixed(2)}.`,
  'A model build with a larger pre-training split of the domain is the next step once this table shows the size that reads it (CHANGELOG, session 10).',
  '',
].join('\n');
console.log(markdown);
if (!quick) {
  mkdirSync('docs/experiments', { recursive: true });
  writeFileSync('docs/experiments/pretraining-size.md', markdown);
  log('wrote docs/experiments/pretraining-size.md');
}
