/**
 * `npm run experiment:probes`: what the default model's vision encoder carries of each domain's findings
 * (src-main/training/experiment/encoderProbes.ts): the seeded random encoder of qoq-med-nano 1.x with CT/MR
 * read as 4 and as 12 evenly spaced slices, and the same encoder after the recipe's pre-training on the
 * lab's lesion masks (12 slices, as the model reads them since 1.4.0). Same seeds and training split as
 * `npm run model:build`; held-out: 40 studies per image domain. Writes docs/experiments/encoder-probes.md.
 * Options: --work DIR (scratch; labs and stores are reused when present), --quick (a tiny lab, nothing written to docs/).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateLab, LAB_DOMAIN_NAMES, LAB_DOMAINS, type LabDomain } from '../src-main/lab/index';
import { initDecoderWeights } from '../src-main/ml/models/decoder/index.js';
import { loadModel } from '../src-main/ml/runtime/index.js';
import { LAB_LABEL_COUNTS } from '../src-main/training/defaultModel/encoderStudy.js';
import { NANO_PREPROCESSING, nanoManifest } from '../src-main/training/defaultModel/nanoManifest.js';
import { NANO_LAB_TEST_SEED, NANO_LAB_TRAIN_SEED, NANO_TRAIN_COUNTS } from '../src-main/training/defaultModel/nanoRecipe.js';
import { OutputLayerInputs } from '../src-main/training/defaultModel/outputLayerInputs.js';
import { labLesionDetectors } from '../src-main/training/defaultModel/lesionTokenMarks.js';
import { pretrainVisionOnLesions } from '../src-main/training/defaultModel/lesionTokenPretraining.js';
import { collectPretrainingData } from '../src-main/training/defaultModel/pretrainingData.js';
import { NANO_LAB_PRETRAIN_SEED, NANO_PRETRAIN_COUNTS, VISION_PRETRAIN, describeDrawWeights } from '../src-main/training/defaultModel/nanoRecipe.js';
import { writeQoqPackage } from '../src-main/training/defaultModel/writeQoqPackage.js';
import { seededNanoEncoders } from '../src-main/training/experiment/seededNanoEncoders.js';
import { collectProbeStudies, PROBE_VARIANTS, probeReport, type ProbeReport } from '../src-main/training/experiment/encoderProbes.js';

const { values: args } = parseArgs({ options: { work: { type: 'string' }, quick: { type: 'boolean', default: false } } });
const quick = args.quick ?? false;
const work = path.resolve(args.work ?? mkdtempSync(path.join(os.tmpdir(), 'qoq-probes-')));
const started = performance.now();
const log = (m: string): void => console.log(`[${((performance.now() - started) / 60_000).toFixed(1)} min] ${m}`);
const imageDomains = LAB_DOMAIN_NAMES.filter((d) => d !== 'ecg');
const TEST_PER_DOMAIN = 40;
/** The encoders measured: the seeded init at 4 and 12 slices, then pre-trained on the lesion masks at 12. */
const SETTINGS = [
  { encoder: 'seeded random', slices: 4 },
  { encoder: 'seeded random', slices: 12 },
  { encoder: 'pre-trained on lesion masks', slices: 12 },
] as const;
/** A read-out this far above chance counts as reading the domain (held-out n = 40: chance ± 0.15 is ≈ 2 binomial sd). */
const CLEAR_MARGIN = 0.15;
const VARIANT_HEADINGS = { 'joint-image': 'probe joint/image', 'joint-study': 'probe joint/study', 'per-domain': 'probe per-domain' } as const;

const trainLab = path.join(work, 'lab-train');
const testLab = path.join(work, 'lab-test-probes');
const counts = (n: number | null): Record<LabDomain, number> => Object.fromEntries(LAB_DOMAIN_NAMES.map((d) => [d, d === 'ecg' ? 0 : (n ?? NANO_TRAIN_COUNTS[d])])) as Record<LabDomain, number>;
if (!existsSync(path.join(trainLab, 'lab-manifest.jsonl'))) await generateLab({ seed: NANO_LAB_TRAIN_SEED, outDir: trainLab, split: 'train', counts: quick ? counts(4) : NANO_TRAIN_COUNTS });
if (!existsSync(path.join(testLab, 'lab-manifest.jsonl'))) await generateLab({ seed: NANO_LAB_TEST_SEED, outDir: testLab, split: 'test', counts: counts(quick ? 4 : TEST_PER_DOMAIN) });
log(`labs ready (${work})`);

// The default model's seeded encoders, in a package whose preprocessing the slice setting overrides.
const { tokenizerJson, tokenizer, arch, seeds, vision, ecg, width, visionLabels } = seededNanoEncoders();
const lineage = { baseModel: null, trainingData: null, recipe: 'encoder probes', metrics: null, createdUtc: new Date().toISOString() };

const reports: { encoder: string; slices: number; report: ProbeReport }[] = [];
let pretrained: typeof vision | null = null;
for (const { encoder, slices } of SETTINGS) {
  const dir = path.join(work, `package-${slices}`);
  rmSync(dir, { recursive: true, force: true });
  const manifest = nanoManifest(tokenizer, arch, '0.0.0-probes', lineage);
  const preprocessing = { ...NANO_PREPROCESSING, maxImages: Math.max(NANO_PREPROCESSING.maxImages, slices), volumeSlices: { strategy: 'evenly-spaced' as const, count: slices } };
  await writeQoqPackage(dir, { arch, tokenizer: tokenizerJson, decoder: initDecoderWeights(arch.decoder, seeds.decoder), vision, ecg, manifest: { ...manifest, preprocessing } });
  const model = await loadModel(dir, { intraOpThreads: 1 });
  if (encoder !== 'seeded random' && !pretrained) {
    const detectors = labLesionDetectors();
    const pretrainLab = path.join(work, 'lab-pretrain');
    const pretrainCounts = Object.fromEntries(LAB_DOMAIN_NAMES.map((d) => [d, d === 'ecg' ? 0 : quick ? 4 : NANO_PRETRAIN_COUNTS[d]])) as Record<LabDomain, number>;
    if (!existsSync(path.join(pretrainLab, 'lab-manifest.jsonl'))) await generateLab({ seed: NANO_LAB_PRETRAIN_SEED, outDir: pretrainLab, split: 'train', counts: pretrainCounts });
    const studies = (await collectPretrainingData(pretrainLab, path.join(work, 'store-pretrain'), model, detectors, arch.vision.spatialMergeSize)).images;
    const steps = quick ? 40 : VISION_PRETRAIN.steps;
    pretrained = (await pretrainVisionOnLesions({ config: arch.vision, weights: vision, detectors, studies, ...VISION_PRETRAIN, steps, seed: seeds.visionPretrain })).weights;
    log(`vision pre-training: ${steps} steps`);
  }
  const weights = encoder === 'seeded random' ? vision : pretrained!;
  const inputs = await OutputLayerInputs.open(arch, { vision: weights, ecg }, { vision: visionLabels, ecg: { ecg: LAB_LABEL_COUNTS.ecg! } });
  try {
    const train = await collectProbeStudies(trainLab, path.join(work, 'store-train'), model, inputs, arch.vision.spatialMergeSize);
    const test = await collectProbeStudies(testLab, path.join(work, 'store-test'), model, inputs, arch.vision.spatialMergeSize);
    log(`${encoder}, ${slices} slices: ${train.length} training and ${test.length} held-out image studies encoded`);
    reports.push({ encoder, slices, report: probeReport(train, test, width) });
  } finally {
    await inputs.release();
    await model.release();
  }
}
const minutes = (performance.now() - started) / 60_000;
const markdown = renderReport(reports, minutes);
console.log(markdown);
if (!quick) {
  mkdirSync('docs/experiments', { recursive: true });
  writeFileSync('docs/experiments/encoder-probes.md', markdown);
  log('wrote docs/experiments/encoder-probes.md');
}

function renderReport(all: { encoder: string; slices: number; report: ProbeReport }[], minutes: number): string {
  const pct = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '—' : v.toFixed(2));
  const lines = [
    '# What the default model\'s vision encoder carries — `npm run experiment:probes`',
    '',
    `Generated by \`npm run experiment:probes\` in ${minutes.toFixed(1)} min (${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, shared). Encoders: qoq-med-nano's seeded vision`,
    `encoder (seed of \`npm run model:build\`), and the same after the recipe's pre-training on the lesion masks of its pre-training split (lab seed ${NANO_LAB_PRETRAIN_SEED}, ${VISION_PRETRAIN.steps} steps, ${describeDrawWeights(VISION_PRETRAIN.domainWeights)},`,
    `lesionTokenPretraining.ts), each read at the input of its final linear layer. Training: the model's training split`,
    `(lab seed ${NANO_LAB_TRAIN_SEED}, image studies only). Held-out: lab seed ${NANO_LAB_TEST_SEED} (the model's held-out seed), ${quick ? 4 : TEST_PER_DOMAIN} studies per image domain.`,
    '',
    'Held-out accuracy of read-outs fitted on the training split (chance = 1 / labels). **probe**: linear scores of each label at the',
    "study's mean feature (DiscriminantFit, ridge 0.5): *joint/image* = one regression over all domains with each image as an entry (the",
    'qoq-med-nano 1.x recipe), *joint/study* = the same with whole studies as entries, *per-domain* = each domain on its own studies',
    "(quiet 0). **detectors**: token-level lesion detectors fitted on the lab's masks (DetectorFit, ridge 0.01), the maximum over",
    "the study's tokens per lesion label, nearest class centroid. **shown**: lesion studies whose selected images show the lesion.",
    '',
  ];
  for (const { encoder, slices, report } of all) {
    lines.push(`## ${encoder[0]!.toUpperCase()}${encoder.slice(1)} encoder, CT/MR read as ${slices} evenly spaced slices`, '');
    lines.push(`| domain | chance | ${PROBE_VARIANTS.map((v) => VARIANT_HEADINGS[v]).join(' | ')} | detectors | shown |`);
    lines.push(`|---|---|${PROBE_VARIANTS.map(() => '---|').join('')}---|---|`);
    for (const d of imageDomains) {
      const a = report.accuracy[d];
      if (!a) continue;
      const shown = report.lesionShown[d];
      lines.push(`| ${d} | ${(1 / LAB_DOMAINS[d].labels.length).toFixed(2)} | ${PROBE_VARIANTS.map((v) => pct(a[v])).join(' | ')} | ${pct(a.detectors)} | ${shown ? `${shown.shown}/${shown.of}` : '—'} |`);
    }
    lines.push('');
    const weak = imageDomains.filter((d) => {
      const a = report.accuracy[d];
      return a && Math.max(...Object.values(a).filter((v) => !Number.isNaN(v))) < 1 / LAB_DOMAINS[d].labels.length + CLEAR_MARGIN;
    });
    lines.push(`No read-out reaches chance + ${CLEAR_MARGIN} on: ${weak.length > 0 ? weak.join(', ') : 'none'}.`, '');
  }
  lines.push(
    "The decoder is trained on these features (the encoder's final layer is fitted on them in closed form): a domain that no read-out",
    'reads here stays near chance in the model whatever the decoder recipe. The seeded random encoder of 1.x left fundus and CT',
    'there; the pre-training on the lesion masks is what the recipe adds since 1.4.0. The recipe uses *joint/image* rows because they',
    "stay quiet on other domains' tokens; *per-domain* rows are loud on other domains' tokens, which the decoder read worse (see",
    'CHANGELOG, session 5).',
    '',
  );
  return `${lines.join('\n')}\n`;
}
