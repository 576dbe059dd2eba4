/**
 * `npm run experiment:drpo`: the paper's DRPO-vs-GRPO comparison on the phantom lab, top to bottom:
 *   1. labs: an imbalanced training split (cxr abundant, ECG and mammography scarce, difficulty spread within
 *      each domain) and a balanced held-out split with another seed;
 *   2. the SFT checkpoint: the bundled qoq-med-nano package, copied into the work folder first (its
 *      manifest hash is reported), decoder weights read from its ONNX initializers;
 *   3. prompts prepared ONCE through the runtime (import → inputs → frozen encoders → positions);
 *   4. GRPO, DRPO and DRPO inter-domain-only for every seed, same questions / steps / G, one run after
 *      another in this process (ORT one intra-op thread), each final policy evaluated greedily;
 *   5. docs/experiments/drpo.md (tables, verdict, command, machine, wall time), drpo-bars.svg,
 *      drpo-rewards.svg and drpo-results.json, all computed from the evaluation records.
 * Options: --quick (a few-minute smoke run, written to the work folder unless --out is given), --full
 * (longer: more steps, questions, seeds and held-out studies), --seeds 1,2,3, --steps N, --work DIR,
 * --out DIR (default docs/experiments), --model DIR (default models/qoq-med-nano).
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TRAIN_COUNTS, generateLab, LAB_DOMAIN_NAMES, type LabDomain } from '../src-main/lab/index';
import { generationConfigFor, loadModel } from '../src-main/ml/runtime/index.js';
import { qoqMedRewardFn } from '../src-main/ml/train/index.js';
import { drpoBarsSvg, drpoRewardsSvg } from '../src-main/training/experiment/drpoCharts.js';
import { drpoMarkdown } from '../src-main/training/experiment/drpoReport.js';
import { labQuestion, prepareLabPrompts } from '../src-main/training/experiment/labPrompts.js';
import { packageDecoderWeights } from '../src-main/training/experiment/packageDecoderWeights.js';
import { runDrpoExperiment, type DrpoExperimentSettings } from '../src-main/training/experiment/runDrpoExperiment.js';

const LAB_TRAIN_SEED = 31;
const LAB_TEST_SEED = 32;
const perDomain = (n: number): Record<LabDomain, number> => Object.fromEntries(LAB_DOMAIN_NAMES.map((d) => [d, n])) as Record<LabDomain, number>;
/** Same proportions as the default training split, scaled down (cxr 6 … ECG 1, mammography 1). */
const QUICK_TRAIN: Record<LabDomain, number> = { cxr: 6, ct: 2, mri: 2, skin: 2, fundus: 2, pathology: 2, ultrasound: 2, ecg: 1, mammography: 1 };

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    seeds: { type: 'string' },
    steps: { type: 'string' },
    work: { type: 'string' },
    out: { type: 'string' },
    model: { type: 'string' },
  },
});
const quick = args.quick ?? false;
const full = args.full ?? false;
if (quick && full) throw new Error('experiment:drpo: --quick and --full exclude each other');
const preset = quick
  ? { train: QUICK_TRAIN, test: perDomain(2), seeds: [1, 2, 3], steps: 2, questionsPerStep: 3, G: 3 }
  : full
    ? { train: DEFAULT_TRAIN_COUNTS, test: perDomain(20), seeds: [1, 2, 3, 4, 5], steps: 60, questionsPerStep: 8, G: 5 }
    : { train: DEFAULT_TRAIN_COUNTS, test: perDomain(8), seeds: [1, 2, 3], steps: 16, questionsPerStep: 4, G: 4 };
const settings: DrpoExperimentSettings = {
  seeds: args.seeds ? args.seeds.split(',').map((s) => Number(s.trim())) : preset.seeds,
  steps: Number(args.steps ?? preset.steps),
  questionsPerStep: preset.questionsPerStep,
  G: preset.G,
  lr: 2e-4,
  maxNewTokens: 160,
  klCoef: 1e-4,
  seqBucket: 64,
};
if (settings.seeds.some((s) => !Number.isInteger(s)) || settings.seeds.length < 1) throw new Error(`experiment:drpo: --seeds must be integers, got '${args.seeds}'`);
if (!Number.isInteger(settings.steps) || settings.steps < 1) throw new Error(`experiment:drpo: --steps must be a positive integer, got '${args.steps}'`);

const work = path.resolve(args.work ?? mkdtempSync(path.join(os.tmpdir(), 'qoq-drpo-')));
const outDir = path.resolve(args.out ?? (quick ? path.join(work, 'report') : 'docs/experiments'));
const started = performance.now();
const minutes = (from: number): number => (performance.now() - from) / 60_000;
const log = (message: string): void => console.log(`[${minutes(started).toFixed(1)} min] ${message}`);
const command = ['npm run experiment:drpo', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
const load = os.loadavg()[0] ?? 0;

// 1. Labs.
const trainLab = path.join(work, 'lab-train');
const testLab = path.join(work, 'lab-test');
if (!existsSync(path.join(trainLab, 'lab-manifest.jsonl'))) await generateLab({ seed: LAB_TRAIN_SEED, outDir: trainLab, split: 'train', counts: preset.train });
if (!existsSync(path.join(testLab, 'lab-manifest.jsonl'))) await generateLab({ seed: LAB_TEST_SEED, outDir: testLab, split: 'test', counts: preset.test });
log(`labs in ${work}`);

// 2. The SFT checkpoint, copied so a concurrent rebuild of models/ cannot change it under the run.
const source = path.resolve(args.model ?? 'models/qoq-med-nano');
const modelDir = path.join(work, 'start-model');
rmSync(modelDir, { recursive: true, force: true });
cpSync(source, modelDir, { recursive: true });
const manifestHash = createHash('sha256').update(readFileSync(path.join(modelDir, 'manifest.json'))).digest('hex');
const model = await loadModel(modelDir, { intraOpThreads: 1 });
const config = model.architecture.decoder;
const start = packageDecoderWeights(modelDir, model.manifest, config);
log(`start model ${model.manifest.name} ${model.manifest.version} (manifest sha256 ${manifestHash.slice(0, 16)}…)`);

// 3. Prompts, prepared once (fresh stores: the import is part of the pipeline being exercised).
const prepStarted = performance.now();
for (const store of ['store-train', 'store-test']) rmSync(path.join(work, store), { recursive: true, force: true });
const trainPrompts = await prepareLabPrompts(model, trainLab, path.join(work, 'store-train'));
const testPrompts = await prepareLabPrompts(model, testLab, path.join(work, 'store-test'));
const prepMinutes = minutes(prepStarted);
log(`prompts: ${trainPrompts.length} training, ${testPrompts.length} held-out in ${prepMinutes.toFixed(1)} min`);

// 4. The runs.
const decode = (ids: readonly number[]): string => model.tokenizer.decode([...ids], { skipSpecialTokens: true });
const evalGeneration = generationConfigFor(model.manifest, { seed: 0, temperature: 0 });
const runsStarted = performance.now();
const result = await runDrpoExperiment(
  {
    config,
    start,
    train: trainPrompts.map(labQuestion),
    test: testPrompts,
    rewardFn: qoqMedRewardFn(decode),
    decode,
    evalGeneration,
    eosTokenIds: model.manifest.generation.eosTokenIds,
    padTokenId: model.manifest.specialTokens.endOfText,
    metricsDir: path.join(work, 'metrics'),
    log,
  },
  settings,
);
const runsMinutes = minutes(runsStarted);
await model.release();

// 5. The report.
const domains = LAB_DOMAIN_NAMES.filter((d) => preset.test[d] > 0);
const trainMinutes = result.records.reduce((s, r) => s + r.trainMinutes, 0);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, shared with other work (1-min load average ${load.toFixed(1)} at the start)`;
const setup = [
  `Start (the SFT checkpoint): ${model.manifest.name} ${model.manifest.version}, manifest sha256 \`${manifestHash}\`; only the decoder is trained (vision and ECG encoders frozen, their prompt features computed once per study).`,
  `Per run: ${settings.steps} steps × ${settings.questionsPerStep} questions × G = ${settings.G} responses (temperature 1, up to ${settings.maxNewTokens} new tokens), AdamW lr ${settings.lr} (β 0.9/0.999, wd 0.01), grad clip 1.0, one PPO epoch over one minibatch per step, KL to the start policy (low_var_kl, coefficient ${settings.klCoef}); reward = 0.5·F1 + 0.3·IoU + 0.1·format + 0.1·length (reference code weights); DRPO with K_max 10. Same seeds give every method the same question and sampling streams.`,
  `Methods: GRPO (per-question normalisation), DRPO (domain temperature × cluster factor, then batch std), DRPO inter-domain only (domain temperature only).`,
  `Evaluation: greedy decoding with the package's settings (up to ${evalGeneration.maxNewTokens} new tokens), the same scoring as the model's README (evaluateOnLab).`,
  `Machine: ${machine}. All runs one after another in one process, ONNX Runtime with one intra-op thread.`,
  `Wall time: ${minutes(started).toFixed(1)} min in all — prompt preparation ${prepMinutes.toFixed(1)} min, training ${trainMinutes.toFixed(1)} min, evaluation ${(runsMinutes - trainMinutes).toFixed(1)} min.`,
];
const notes = [
  'Rollouts use KV-cached decoding on the policy\'s current weights (the runtime\'s decoder graph rebuilt with the weights once per step), so sampling is the same forward as inference; log π_old / log π_ref are recomputed by the full-sequence log-prob graph.',
  `The lab's training split is imbalanced like the paper's mix; a run sees ${settings.steps * settings.questionsPerStep} questions in all, so scarce domains appear in few steps (see the reward curves).`,
];
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'drpo-bars.svg'), drpoBarsSvg(result.records, domains));
writeFileSync(path.join(outDir, 'drpo-rewards.svg'), drpoRewardsSvg(result.rewards, domains));
writeFileSync(path.join(outDir, 'drpo-results.json'), `${JSON.stringify({ command, settings, trainCounts: preset.train, testCounts: preset.test, startModel: { name: model.manifest.name, version: model.manifest.version, manifestSha256: manifestHash }, records: result.records }, null, 2)}\n`);
writeFileSync(path.join(work, 'evaluations.json'), `${JSON.stringify(result.evaluations, null, 2)}\n`);
writeFileSync(
  path.join(outDir, 'drpo.md'),
  drpoMarkdown({ records: result.records, domains, trainCounts: preset.train, testCounts: preset.test, command, setup, notes, barsFile: 'drpo-bars.svg', rewardsFile: 'drpo-rewards.svg' }),
);
log(`wrote ${path.join(outDir, 'drpo.md')}`);
