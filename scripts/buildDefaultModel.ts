/**
 * `npm run model:build`: builds the bundled demonstration model models/qoq-med-nano from nothing, reading
 * top to bottom like nanoGPT's train.py:
 *   1. phantom lab: a training split and a held-out split with another seed (real DICOM/PNG/WFDB files);
 *   2. tokenizer: byte-level BPE on the lab's text and the fixed prompt pieces;
 *   3. networks: seeded init; the encoders are pre-trained on a pre-training split of the lab (vision per
 *      token on the lesion masks, ECG on the labels); their final linear layers are then fitted on the
 *      training split (standardised features, per-domain linear-probe rows of the labels, detector rows
 *      for CT and mammography) and the encoders frozen; the decoder is trained;
 *   4. samples: every lab study imported into a scratch store and turned into its analysis request, then
 *      through the runtime's preparePrompt (encoder features, M-RoPE positions) — the exact prefill input;
 *   5. multimodal SFT on prompt → reasoning trace + JSON boxes + \boxed{answer}, its late checkpoints
 *      scored on a validation split (a third lab seed) and the best kept;
 *   6. held-out evaluation through runModel, greedy, as `qoq analyze` runs it;
 *   7. the verified package (ONNX, tokenizer, manifest with lineage and metrics, README) → models/.
 * Options: --out DIR (default models/qoq-med-nano), --work DIR (scratch, default a temp folder; a rebuild
 * in the same folder reuses its labs, stores and, when the pre-training settings are unchanged, its
 * pre-trained encoders),
 * --steps N, --quick (a minutes-long smoke run with a tiny lab; never written to models/ by default),
 * --force (replace the package even when its held-out macro F1 is not better than the existing one's).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateLab, LAB_DOMAIN_NAMES, type LabDomain } from '../src-main/lab/index';
import { decoderParameterSpecs, initDecoderWeights, type DecoderWeights } from '../src-main/ml/models/decoder/index.js';
import { initEcgWeights } from '../src-main/ml/models/ecg/index.js';
import { initVisionWeights, type Weights } from '../src-main/ml/models/vision/index.js';
import { DEFAULT_SYSTEM_PROMPT } from '../src-main/ml/prompt/index.js';
import { FORMAT_INSTRUCTION } from '../src-main/ml/protocol/formatInstruction';
import { loadModel, preparePrompt } from '../src-main/ml/runtime/index.js';
import { QOQ_SPECIAL_TOKENS, tokenizerFromJson, trainByteLevelBpe } from '../src-main/ml/tokenizer/index.js';
import { asDecoderWeights, createTrainerState, multimodalSampleFrom, multimodalSftTrainer, type MultimodalSample, type TrainMetrics } from '../src-main/ml/train/index.js';
import { calibrateEncoderOutputs, ECG_OUTPUT_LAYER, EncoderOutputStats, VISION_OUTPUT_LAYER } from '../src-main/training/defaultModel/calibrateEncoderOutputs.js';
import { withDiscriminantRows, type DiscriminantFit } from '../src-main/training/defaultModel/discriminantRows.js';
import { encoderStudyFrom, LAB_LABEL_COUNTS } from '../src-main/training/defaultModel/encoderStudy.js';
import { OutputLayerInputs } from '../src-main/training/defaultModel/outputLayerInputs.js';
import { evaluateOnLab, type LabEvaluation } from '../src-main/training/defaultModel/evaluateOnLab.js';
import { forEachLabRequest, readLabRecords, type LabStudyRequest } from '../src-main/training/defaultModel/labStudyRequests.js';
import { labTargetResponse } from '../src-main/training/defaultModel/labTargetResponse.js';
import { DetectorFit } from '../src-main/training/defaultModel/detectorRows.js';
import { labLesionDetectors, studyLesionMarks } from '../src-main/training/defaultModel/lesionTokenMarks.js';
import { pretrainVisionOnLesions } from '../src-main/training/defaultModel/lesionTokenPretraining.js';
import { pretrainEcgOnLabels } from '../src-main/training/defaultModel/ecgLabelPretraining.js';
import { collectPretrainingData, type EncoderPretrainingData } from '../src-main/training/defaultModel/pretrainingData.js';
import { loadPretrainedEncoders, pretrainingKey, savePretrainedEncoders } from '../src-main/training/defaultModel/pretrainedEncoderCache.js';
import { nanoArchitecture } from '../src-main/training/defaultModel/nanoArchitecture.js';
import { NANO_LAB_TEST_SEED, NANO_LAB_TRAIN_SEED, NANO_SEED, NANO_TRAIN_COUNTS, nanoSeeds, VISION_PRETRAIN, ECG_PRETRAIN, NANO_LAB_PRETRAIN_SEED, NANO_PRETRAIN_COUNTS, NANO_TEST_COUNTS, describeDrawWeights, SFT_DOMAIN_REPEATS, SFT_STEPS, NANO_LAB_VALIDATION_SEED, NANO_VALIDATION_COUNTS, sftCheckpointSteps } from '../src-main/training/defaultModel/nanoRecipe.js';
import { NANO_PREPROCESSING, nanoManifest } from '../src-main/training/defaultModel/nanoManifest.js';
import { nanoReadme } from '../src-main/training/defaultModel/nanoReadme.js';
import { writeQoqPackage } from '../src-main/training/defaultModel/writeQoqPackage.js';
import { DEFAULT_QUESTION } from '../src-main/services/analyzeStudy';

const VERSION = '1.6.1';
/** Weight of the token-level variance penalty of the linear-probe rows (on standardised inputs); see DiscriminantFit. */
const PROBE_RIDGE = 0.5;
/** Spread of each probe row over all training tokens, in units of the calibrated features' rms: it should stand out. */
const PROBE_SPREAD = 2;
/**
 * Token-level lesion-detector rows (DetectorFit on the lab's masks) for the domains whose lesion shows on
 * a few of many tokens: a CT study is 300 tokens, a mammogram's calcification cluster a handful of 80. A
 * probe row on the study mean dilutes them; a detector row spikes on them, which the decoder's attention
 * can pick out. Ridge on standardised inputs; spread as the probe rows'.
 */
const DETECTOR_DOMAINS: readonly string[] = ['ct', 'mammography'];
const DETECTOR_RIDGE = 0.01;
/**
 * Domains whose probe and detector rows are fitted on the pre-training split's studies instead of the
 * training split's. Mammography since 1.6.1: fitted on the 100 training mammograms, its rows separate
 * those perfectly and held-out ones barely (study-mean probe 0.57 on held-out) — and the decoder, trained
 * on the same 100, learnt to trust rows that are right on everything it sees and noisy on anything new; it
 * read held-out mammograms at chance (1.6.0: 0.42). The pre-training split has 2400 mammograms, disjoint
 * from the SFT data, so the rows are both better fitted and as noisy on the decoder's training studies as
 * on new ones.
 */
const ROWS_FROM_PRETRAINING_SPLIT: readonly string[] = ['mammography'];
const SEED = NANO_SEED;
const LAB_TRAIN_SEED = NANO_LAB_TRAIN_SEED;
const LAB_TEST_SEED = NANO_LAB_TEST_SEED;
const TRAIN_COUNTS = NANO_TRAIN_COUNTS;
/**
 * A second SFT sample per study asks for the label alone. In the full response the label is predictable
 * from the reasoning text before it (teacher forcing hands the model that text), so only the first
 * finding-specific words of the trace teach it to look at the image; 1.1.0 and the first 1.2.0 builds
 * answered one label per domain for fundus, CT, MRI and ECG. Answering "\boxed{label}" right after the
 * image makes reading the image the whole task, in the same decoder.
 */
const LABEL_ONLY_QUESTION = 'Name the finding only, as \\boxed{label}.';
const QUICK_COUNTS: Record<LabDomain, number> = Object.fromEntries(LAB_DOMAIN_NAMES.map((d) => [d, 3])) as Record<LabDomain, number>;

const { values: args } = parseArgs({
  options: {
    out: { type: 'string' },
    work: { type: 'string' },
    steps: { type: 'string' },
    quick: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
  },
});
const quick = args.quick ?? false;
const steps = Number(args.steps ?? (quick ? 4 : SFT_STEPS));
const outDir = path.resolve(args.out ?? (quick ? path.join(os.tmpdir(), 'qoq-med-nano-quick') : 'models/qoq-med-nano'));
const work = path.resolve(args.work ?? mkdtempSync(path.join(os.tmpdir(), 'qoq-model-build-')));
const started = performance.now();
const minutes = (from: number): number => (performance.now() - from) / 60_000;
const log = (message: string): void => console.log(`[${minutes(started).toFixed(1)} min] ${message}`);

// 1. Phantom lab: the training split and a held-out split generated with another seed.
const trainLab = path.join(work, 'lab-train');
const testLab = path.join(work, 'lab-test');
const testCounts = quick ? QUICK_COUNTS : NANO_TEST_COUNTS;
if (!existsSync(path.join(trainLab, 'lab-manifest.jsonl'))) await generateLab({ seed: LAB_TRAIN_SEED, outDir: trainLab, split: 'train', counts: quick ? QUICK_COUNTS : TRAIN_COUNTS });
if (!existsSync(path.join(testLab, 'lab-manifest.jsonl'))) await generateLab({ seed: LAB_TEST_SEED, outDir: testLab, split: 'test', counts: testCounts });
// The validation split (a third seed) on which the SFT checkpoint is chosen, so the held-out one stays unseen.
const validationLab = path.join(work, 'lab-validation');
if (!existsSync(path.join(validationLab, 'lab-manifest.jsonl'))) await generateLab({ seed: NANO_LAB_VALIDATION_SEED, outDir: validationLab, split: 'test', counts: quick ? QUICK_COUNTS : NANO_VALIDATION_COUNTS });
const trainRecords = readLabRecords(trainLab);
log(`lab: ${trainRecords.length} training studies, ${readLabRecords(validationLab).length} validation, ${readLabRecords(testLab).length} held-out (${work})`);

// 2. Tokenizer on everything the model reads or writes as text (weighted: fixed pieces recur per sample).
const fixed = [DEFAULT_SYSTEM_PROMPT, DEFAULT_QUESTION, LABEL_ONLY_QUESTION, FORMAT_INSTRUCTION, '<think>', '</think>', '```json\n[{"label":"x","bbox_2d":[0,0,1,1]}]\n```', '\\boxed{'];
const corpus = [...trainRecords.flatMap((r) => [r.response, r.answer]), ...Array.from({ length: 50 }, () => fixed).flat()];
const tokenizerJson = trainByteLevelBpe(corpus, { vocabSize: 1024, minFrequency: 2, specialTokens: QOQ_SPECIAL_TOKENS });
const tokenizer = tokenizerFromJson(tokenizerJson);
const arch = nanoArchitecture(tokenizer.vocabSize);
log(`tokenizer: ${tokenizer.vocabSize} ids`);

// 3. Seeded networks: one independent stream per network.
const { decoder: decoderSeed, vision: visionSeed, ecg: ecgSeed, train: trainSeed, visionPretrain: visionPretrainSeed, ecgPretrain: ecgPretrainSeed } = nanoSeeds(SEED);
const decoderInit = initDecoderWeights(arch.decoder, decoderSeed);
const randomVision = initVisionWeights(arch.vision, visionSeed);
const randomEcg = initEcgWeights(arch.ecg, ecgSeed);
const { ecg: ecgLabels, ...visionLabels } = LAB_LABEL_COUNTS;
const lineage0 = { baseModel: null, trainingData: null, recipe: 'initial weights (build stage)', metrics: null, createdUtc: new Date().toISOString() };
const writeInit = async (dir: string, vision: Weights, ecg: Weights): Promise<void> => {
  rmSync(dir, { recursive: true, force: true });
  await writeQoqPackage(dir, { arch, tokenizer: tokenizerJson, decoder: decoderInit, vision, ecg, manifest: nanoManifest(tokenizer, arch, `${VERSION}-init`, lineage0) });
};

// 3a. Encoder pre-training, on a pre-training split of the lab (its own seed, balanced, larger): every image
//     token is taught which lesion its area shows (the lab's ground-truth masks), every ECG its label; the
//     encoders and a head each are trained together, the heads dropped. With seeded random encoders the
//     decoder read fundus and CT at chance (npm run experiment:probes shows why).
const pretrainLab = path.join(work, 'lab-pretrain');
const ensurePretrainLab = async (): Promise<void> => {
  if (!existsSync(path.join(pretrainLab, 'lab-manifest.jsonl'))) await generateLab({ seed: NANO_LAB_PRETRAIN_SEED, outDir: pretrainLab, split: 'train', counts: quick ? QUICK_COUNTS : NANO_PRETRAIN_COUNTS });
};
const detectors = labLesionDetectors();
const visionSteps = quick ? 40 : VISION_PRETRAIN.steps;
const ecgSteps = quick ? 20 : ECG_PRETRAIN.steps;
// Everything the pre-trained weights depend on, short of the code: equal settings, equal weights.
const pretrainKey = pretrainingKey({
  lab: { seed: NANO_LAB_PRETRAIN_SEED, counts: quick ? QUICK_COUNTS : NANO_PRETRAIN_COUNTS },
  vision: { ...VISION_PRETRAIN, steps: visionSteps, seed: visionPretrainSeed, init: visionSeed, config: arch.vision },
  ecg: { ...ECG_PRETRAIN, steps: ecgSteps, seed: ecgPretrainSeed, init: ecgSeed, config: arch.ecg },
});
const encoderCacheDir = path.join(work, 'encoders-pretrained');
const pretrainStarted = performance.now();
let pretrained = loadPretrainedEncoders(encoderCacheDir, pretrainKey);
const pretrainReused = pretrained !== null;
if (pretrained) log(`pre-trained encoders: reused from ${encoderCacheDir} (same pre-training settings; delete it after changing the pre-training code)`);
else {
  await ensurePretrainLab();
  const randomDir = path.join(work, 'init-random');
  await writeInit(randomDir, randomVision, randomEcg);
  const randomModel = await loadModel(randomDir, { intraOpThreads: 1 });
  // Held only through pre-training (several GB of pixel values), then dropped: only its counts are kept.
  const pretrainData: EncoderPretrainingData = await collectPretrainingData(pretrainLab, path.join(work, 'store-pretrain'), randomModel, detectors, arch.vision.spatialMergeSize);
  await randomModel.release();
  const counts = { images: pretrainData.images.length, ecg: pretrainData.ecg.length };
  log(`pre-training split: ${counts.images} image studies, ${counts.ecg} ECGs`);
  const progress = (what: string, total: number, every: number) => {
    let sum = 0;
    return ({ step, loss }: { step: number; loss: number }): void => {
      sum += loss;
      if (step % every === 0 || step === total) {
        log(`${what} pre-training step ${step}/${total}: loss ${(sum / (step % every || every)).toFixed(3)}`);
        sum = 0;
      }
    };
  };
  const vision = (
    await pretrainVisionOnLesions({ config: arch.vision, weights: randomVision, detectors, studies: pretrainData.images, ...VISION_PRETRAIN, steps: visionSteps, seed: visionPretrainSeed, onStep: progress('vision', visionSteps, 2000) })
  ).weights;
  const ecg = (
    await pretrainEcgOnLabels({ config: arch.ecg, weights: randomEcg, labels: ecgLabels as number, records: pretrainData.ecg, ...ECG_PRETRAIN, steps: ecgSteps, seed: ecgPretrainSeed, onStep: progress('ECG', ecgSteps, 250) })
  ).weights;
  pretrained = { vision, ecg, counts };
  await savePretrainedEncoders(encoderCacheDir, pretrainKey, pretrained);
}
const { vision: pretrainedVision, ecg: pretrainedEcg, counts: pretrainCounts } = pretrained;
const pretrainMinutes = minutes(pretrainStarted);
log(`encoder pre-training: ${pretrainMinutes.toFixed(1)} min`);

// 3b. Encoder output layers, fitted on the training split (the pre-trained encoders' other weights stay
//     as they are). The encoders' features share one large common vector and vary by a few per cent
//     between inputs (ECG: ~3 %): the final linear layers are re-scaled to standardised features of
//     the same overall size (calibrateEncoderOutputs), then their last outputs are replaced by each
//     domain's linear-probe scores of its labels (DiscriminantFit: least squares on the layer's input
//     averaged per study, penalised by the scores' variance over single tokens), so the findings are
//     large, simple directions the decoder can read.
const pretrainedDir = path.join(work, 'init-pretrained');
await writeInit(pretrainedDir, pretrainedVision, pretrainedEcg);
const pretrainedModel = await loadModel(pretrainedDir, { intraOpThreads: 1 });
const outputStats = new EncoderOutputStats(arch.decoder.hiddenSize, pretrainedModel.manifest.specialTokens);
const detectorFit = new DetectorFit(arch.vision.hiddenSize * arch.vision.spatialMergeSize ** 2, detectors.filter((d) => DETECTOR_DOMAINS.includes(d.domain)));
const layerInputs = await OutputLayerInputs.open(arch, { vision: pretrainedVision, ecg: pretrainedEcg }, { vision: visionLabels, ecg: { ecg: ecgLabels as number } });
const addToRowFits = async (labDir: string, item: LabStudyRequest): Promise<void> => {
  const study = encoderStudyFrom(pretrainedModel, item);
  const images = await layerInputs.add(study);
  // Every image study feeds the detectors' negatives (rows stay quiet on other domains' tokens).
  const marks = images.length > 0 ? studyLesionMarks(labDir, item, study, arch.vision.spatialMergeSize) : [];
  images.forEach((tokens, k) => detectorFit.add(tokens, Array.from(marks[k]!, (label) => (label < 0 ? -1 : detectorFit.rowOf(study.domain, label)))));
};
await forEachLabRequest(trainLab, path.join(work, 'store-calibrate'), NANO_PREPROCESSING, async (item) => {
  outputStats.add(await preparePrompt(pretrainedModel, item.request));
  if (!ROWS_FROM_PRETRAINING_SPLIT.includes(item.record.dataset)) await addToRowFits(trainLab, item);
});
if (ROWS_FROM_PRETRAINING_SPLIT.length > 0) {
  await ensurePretrainLab();
  await forEachLabRequest(pretrainLab, path.join(work, 'store-pretrain'), NANO_PREPROCESSING, (item) => addToRowFits(pretrainLab, item), { domains: ROWS_FROM_PRETRAINING_SPLIT });
}
await pretrainedModel.release();
await layerInputs.release();
const calibrated = calibrateEncoderOutputs(pretrainedVision, pretrainedEcg, outputStats);
const encoderStats = calibrated.stats;
const probeRows = (fit: DiscriminantFit, rms: number) => fit.fit({ ridge: PROBE_RIDGE, spread: PROBE_SPREAD * rms });
const lesionRows = detectorFit.fit({ ridge: DETECTOR_RIDGE, spread: PROBE_SPREAD * encoderStats.vision.rms });
const vision = withDiscriminantRows(calibrated.vision, VISION_OUTPUT_LAYER, [...probeRows(layerInputs.vision, encoderStats.vision.rms), ...lesionRows]);
const ecg = withDiscriminantRows(calibrated.ecg, ECG_OUTPUT_LAYER, probeRows(layerInputs.ecg, encoderStats.ecg.rms));
log(`encoder output layers: vision ${encoderStats.vision.rows} rows (rms ${encoderStats.vision.rms.toFixed(3)}), ECG ${encoderStats.ecg.rows} rows (rms ${encoderStats.ecg.rms.toFixed(3)}); probe rows: ${layerInputs.vision.rowCount} vision, ${layerInputs.ecg.rowCount} ECG; detector rows: ${lesionRows.length} (${detectorFit.counts.positives} of ${detectorFit.counts.tokens} tokens marked)`);
const initDir = path.join(work, 'init');
await writeInit(initDir, vision, ecg);

// 4. Samples: the analysis request of every study, through the runtime's own prompt preparation.
const initModel = await loadModel(initDir, { intraOpThreads: 1 });
const imEnd = tokenizer.tokenId('<|im_end|>');
const padIds = [initModel.manifest.specialTokens.imagePad, initModel.manifest.specialTokens.timeSeriesPad];
const ecgExtent = { leads: arch.ecg.leads, samples: arch.ecg.samples };
const samples: MultimodalSample[] = [];
const prepStarted = performance.now();
await forEachLabRequest(trainLab, path.join(work, 'store-train'), NANO_PREPROCESSING, async ({ record, request, description }, index) => {
  // Every other study carries its description as clinical text after the images, as the workstation's
  // AI panel sends it by default (the CLI sends none): a model that never saw one derailed on it.
  const clinical = index % 2 === 0 && description ? description : null;
  const prompt = await preparePrompt(initModel, clinical ? { ...request, items: [...request.items, { type: 'text', text: clinical }] } : request);
  const responseIds = [...tokenizer.encode(labTargetResponse(record, prompt.images, ecgExtent)), imEnd];
  const full = multimodalSampleFrom(prompt, responseIds, padIds, arch.decoder.hiddenSize);
  // The same study asked for its label alone (see LABEL_ONLY_QUESTION).
  const short = await preparePrompt(initModel, { ...request, question: LABEL_ONLY_QUESTION });
  const labelOnly = multimodalSampleFrom(short, [...tokenizer.encode(`\\boxed{${record.answer}}`), imEnd], padIds, arch.decoder.hiddenSize);
  for (let r = 0; r < (SFT_DOMAIN_REPEATS[record.dataset as LabDomain] ?? 1); r++) samples.push(full, labelOnly);
});
const testStudies: LabStudyRequest[] = [];
await forEachLabRequest(testLab, path.join(work, 'store-test'), NANO_PREPROCESSING, async (item) => void testStudies.push(item));
const validationStudies: LabStudyRequest[] = [];
await forEachLabRequest(validationLab, path.join(work, 'store-validation'), NANO_PREPROCESSING, async (item) => void validationStudies.push(item));
await initModel.release();
const lengths = samples.map((s) => s.promptIds.length + s.responseIds.length);
log(`samples: ${samples.length} (tokens ${Math.min(...lengths)}–${Math.max(...lengths)}, mean ${(lengths.reduce((a, b) => a + b, 0) / lengths.length).toFixed(0)}) in ${minutes(prepStarted).toFixed(1)} min`);

// 5. Multimodal SFT of the decoder (encoders frozen after calibration): AdamW, warm-up then cosine decay.
const peakLr = 1.5e-3;
const warmup = Math.min(30, Math.ceil(steps / 10));
const lr = (step: number): number => (step <= warmup ? (peakLr * step) / warmup : peakLr * (0.1 + 0.45 * (1 + Math.cos((Math.PI * (step - warmup)) / Math.max(1, steps - warmup)))));
const state = createTrainerState(arch.decoder, decoderInit, { seed: trainSeed });
const trainStarted = performance.now();
const metricsFile = path.join(work, 'train-metrics.jsonl');
writeFileSync(metricsFile, '');
let window: number[] = [];
// Ctrl-C / SIGTERM ends training at the next step and still evaluates and packages what was learnt.
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
// Trained in segments up to each checkpoint of sftCheckpointSteps (the state carries the step, the
// data-order stream and the optimiser moments, so the segments are one run); each checkpoint is scored
// on the validation split and the best kept (SFT_CHECKPOINTS says why).
const checkpoints = sftCheckpointSteps(steps);
const stagingDir = path.join(work, 'staging');
const writeStaging = async (weights: DecoderWeights): Promise<void> => {
  rmSync(stagingDir, { recursive: true, force: true });
  await writeQoqPackage(stagingDir, { arch, tokenizer: tokenizerJson, decoder: weights, vision, ecg, manifest: nanoManifest(tokenizer, arch, VERSION, lineage0) });
};
let best: { step: number; decoder: DecoderWeights; validation: LabEvaluation } | null = null;
const validationLog: { step: number; format: number; f1: number }[] = [];
let cancelled = false;
// One run's settings for every segment; only the step to stop at changes.
const sftRun = {
  signal: stop.signal,
  state,
  data: samples,
  lr,
  batchSize: 8,
  padId: tokenizer.tokenId('<|endoftext|>'),
  seqBucket: 64,
  session: { intraOpThreads: 2 },
  onMetrics: (m: TrainMetrics) => {
    writeFileSync(metricsFile, `${JSON.stringify(m)}\n`, { flag: 'a' });
    if (m.type !== 'sft-step') return;
    window.push(m.loss);
    if (m.step % 25 === 0 || m.step === steps) {
      log(`step ${m.step}/${steps} loss ${(window.reduce((a, b) => a + b, 0) / window.length).toFixed(3)} lr ${m.lr.toExponential(2)} ${m.timeMs.toFixed(0)} ms/step`);
      window = [];
    }
  },
};
for (const checkpoint of checkpoints) {
  const trained = await multimodalSftTrainer({ ...sftRun, steps: checkpoint });
  cancelled = trained.cancelled;
  // A copy: the trainer keeps updating state.weights in place.
  const decoderAt = asDecoderWeights(arch.decoder, Object.fromEntries(Object.entries(state.weights).map(([k, v]) => [k, v.slice()])));
  await writeStaging(decoderAt);
  const model = await loadModel(stagingDir, { intraOpThreads: 1 });
  const validation = await evaluateOnLab(model, validationStudies);
  await model.release();
  validationLog.push({ step: state.step, format: validation.macro.format, f1: validation.macro.f1 });
  log(`checkpoint step ${state.step}: validation format ${validation.macro.format.toFixed(3)}, F1 ${validation.macro.f1.toFixed(3)} (${perDomain(validation)})`);
  if (best === null || validation.macro.f1 >= best.validation.macro.f1) best = { step: state.step, decoder: decoderAt, validation };
  if (cancelled) break;
}
const trainMinutes = minutes(trainStarted);
const stepsDone = state.step;
const chosen = best!;
log(`training: ${stepsDone} steps in ${trainMinutes.toFixed(1)} min${cancelled ? ' (stopped early)' : ''}; chosen: step ${chosen.step} (validation F1 ${chosen.validation.macro.f1.toFixed(3)})`);

// 6. Held-out evaluation through the analysis path, on a staging package of the chosen weights.
const decoder = chosen.decoder;
await writeStaging(decoder);
const trainedModel = await loadModel(stagingDir, { intraOpThreads: 1 });
const evaluation = await evaluateOnLab(trainedModel, testStudies, (done, total) => {
  if (done % 60 === 0) log(`evaluated ${done}/${total}`);
});
await trainedModel.release();
log(`held-out: format ${evaluation.macro.format.toFixed(3)}, F1 ${evaluation.macro.f1.toFixed(3)} (chance ${evaluation.macro.chanceF1.toFixed(3)}), IoU ${evaluation.macro.iou.toFixed(3)} (${perDomain(evaluation)})`);

// 7. The package: written whole into a sibling folder, then swapped in for the previous version.
const count = (w: Weights): number => [...w.values()].reduce((n, t) => n + t.data.length, 0);
const parameters = { decoder: decoderParameterSpecs(arch.decoder).reduce((n, s) => n + s.dims.reduce((a, b) => a * b, 1), 0), vision: count(vision), ecg: count(ecg) };
const trainingData = `phantom lab (src-main/lab), train split seed ${LAB_TRAIN_SEED}: ${trainRecords.length} synthetic studies (${LAB_DOMAIN_NAMES.map((d) => `${d} ${trainRecords.filter((r) => r.dataset === d).length}`).join(', ')}); held-out: test split seed ${LAB_TEST_SEED}, ${testStudies.length} studies`;
const recipe = `SFT of the decoder on prompt → <think> trace led by the impression + JSON boxes + \\boxed{answer} (boxes on the model's resized grid; whole-input box for studies without a lesion), default analysis question (every other study with its description as clinical text, as the workstation's AI panel sends it), plus the same study asked for its label alone (→ \\boxed{answer}), ${describeRepeats(SFT_DOMAIN_REPEATS)}; encoders pre-trained on a pre-training split of the lab (seed ${NANO_LAB_PRETRAIN_SEED}: ${pretrainCounts.images} image studies, ${pretrainCounts.ecg} ECGs) — the vision encoder on the lesion masks (${visionSteps} steps of one image each, ${describeDrawWeights(VISION_PRETRAIN.domainWeights)}, every token's lesion class by a linear head and cross-entropy, lesion tokens weighted ${VISION_PRETRAIN.lesionWeight}×), the ECG encoder on the labels (${ecgSteps} steps × ${ECG_PRETRAIN.batch} records, linear head on its pooled vector); AdamW peak lr ${VISION_PRETRAIN.peakLr}, heads dropped; both encoders' final linear layers (patch merger's last Linear, ECG projection) then fitted once on the training split and frozen: rescaled to zero-mean features of unchanged overall size, then their last outputs replaced by linear-probe scores of each domain's labels (least squares on study means with a penalty ${PROBE_RIDGE} on each score's variance over single tokens, standardised layer inputs, spread ${PROBE_SPREAD} × the features' rms over all tokens), plus token-level lesion-detector rows for ${DETECTOR_DOMAINS.join(' and ')} (ridge regression of each lesion label on the tokens its mask covers, all training tokens as negatives, same spread); ${stepsDone}${stepsDone < steps ? ` of ${steps} planned` : ''} steps × batch 8 (shipped: the checkpoint of step ${chosen.step}, best validation macro F1 of steps ${validationLog.map((v) => v.step).join(', ')} on a validation split, lab seed ${NANO_LAB_VALIDATION_SEED}, ${validationStudies.length} studies), AdamW (β 0.9/0.999, wd 0.01) peak lr ${peakLr} with ${warmup}-step warm-up and cosine decay to 10 %, grad clip 1.0; seed ${SEED}`;
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'} (shared)`;
const buildMinutes = minutes(started);
const lineage = {
  baseModel: null,
  trainingData,
  recipe,
  metrics: { heldOut: { domains: evaluation.domains, macro: evaluation.macro }, validation: { chosenStep: chosen.step, checkpoints: validationLog }, seed: SEED, trainMinutes: round(trainMinutes), buildMinutes: round(buildMinutes), pretrainReused, machine },
  createdUtc: new Date().toISOString(),
};
const next = `${outDir}.next`;
rmSync(next, { recursive: true, force: true });
mkdirSync(next, { recursive: true });
writeFileSync(path.join(next, 'README.md'), nanoReadme(evaluation, { version: VERSION, parameters, trainingData, recipe, seed: SEED, trainMinutes, buildMinutes, machine, pretrainReused }));
await writeQoqPackage(next, { arch, tokenizer: tokenizerJson, decoder, vision, ecg, manifest: nanoManifest(tokenizer, arch, VERSION, lineage), extraFiles: ['README.md'] });
writeFileSync(path.join(work, 'evaluation.json'), `${JSON.stringify({ ...evaluation, validation: { chosenStep: chosen.step, checkpoints: validationLog } }, null, 2)}\n`);
// Weights are replaced only when they improve (issue 5): held-out macro F1 against the package in place.
const previousF1 = macroF1Of(outDir);
if (previousF1 !== null && evaluation.macro.f1 <= previousF1 && !(args.force ?? false)) {
  log(`kept ${outDir}: its held-out macro F1 ${previousF1.toFixed(3)} ≥ ${evaluation.macro.f1.toFixed(3)}; the new package is in ${next} (--force replaces)`);
} else {
  rmSync(outDir, { recursive: true, force: true });
  renameSync(next, outDir);
  log(`wrote ${outDir}`);
}

function macroF1Of(dir: string): number | null {
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { lineage?: { metrics?: { heldOut?: { macro?: { f1?: unknown } } } } };
    const f1 = manifest.lineage?.metrics?.heldOut?.macro?.f1;
    return typeof f1 === 'number' ? f1 : null;
  } catch {
    return null;
  }
}


/** { ct: 2, mammography: 2 } → "the samples of ct 2×, mammography 2× (each other domain's once)" (recipe text). */
function describeRepeats(repeats: Readonly<Partial<Record<string, number>>>): string {
  const parts = Object.entries(repeats).map(([domain, n]) => `${domain} ${n}×`);
  return parts.length === 0 ? 'each study once' : `the samples of ${parts.join(', ')} (each other domain's once)`;
}

/** "cxr 0.70, ct 0.37, …": one evaluation's F1 per domain, for the log. */
function perDomain(e: LabEvaluation): string {
  return Object.entries(e.domains).map(([d, v]) => `${d} ${v.f1.toFixed(2)}${v.format < 0.95 ? ` (format ${v.format.toFixed(2)})` : ''}`).join(', ');
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
