/**
 * Runs one `qoq train` job to completion or cancellation, in whatever process calls it (the training
 * child, see trainWorkerMain.ts). A fresh run writes tokenizer.json and job.json into the output folder,
 * then the trainer checkpoints into `<out>/checkpoint`; a resumed run loads both back and continues
 * toward the same `steps`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defineDecoderConfig, initDecoderWeights } from '../ml/models/decoder/index.js';
import { tokenizerFromJson } from '../ml/tokenizer';
import {
  asDecoderWeights,
  committedFolder,
  createTrainerState,
  grpoTrainer,
  loadCheckpoint,
  qoqMedRewardFn,
  sftTrainer,
  type GrpoQuestion,
  type LoraSettings,
  type PromptResponse,
  type TrainMetrics,
  type TrainResult,
  type TrainerState,
} from '../ml/train/index.js';
import { chatCodec, trainJobTokenizer } from './chatCodec';
import type { JobConfig } from './jobConfig';
import { locateModel, RUN_FILES } from './runFolder';
import { readTrainingData, type TrainingRecord } from './trainingData';

export interface RunJobOptions {
  readonly out: string;
  readonly resume: boolean;
  readonly signal?: AbortSignal;
  readonly onMetrics?: (record: TrainMetrics) => void;
  /** One-line notes on what is happening (tokenizer trained, resumed at step n, …). */
  readonly onStatus?: (text: string) => void;
}

export interface JobResult {
  readonly step: number;
  readonly steps: number;
  readonly stepsRun: number;
  readonly cancelled: boolean;
  readonly checkpointDir: string;
}

export async function runTrainingJob(job: JobConfig, o: RunJobOptions): Promise<JobResult> {
  const records = readTrainingData(job.data);
  const checkpointDir = path.join(o.out, RUN_FILES.checkpoint);
  const tokenizerFile = path.join(o.out, RUN_FILES.tokenizer);
  const status = o.onStatus ?? (() => {});

  let state: TrainerState;
  let tokenizerJson: object;
  if (o.resume) {
    if (committedFolder(checkpointDir) === null) throw new Error(`cannot resume: no checkpoint in ${checkpointDir}`);
    if (!existsSync(tokenizerFile)) throw new Error(`cannot resume: ${tokenizerFile} is missing`);
    state = await loadCheckpoint(checkpointDir);
    tokenizerJson = readJson(tokenizerFile);
    if (job.kind === 'grpo' && job.advantage === 'drpo' && state.drpo === null) throw new Error('cannot resume: the checkpoint has no DRPO history (it was not a DRPO run); set "advantage": "grpo"');
    if (job.kind === 'grpo' && job.klCoef > 0 && state.reference === null) throw new Error('cannot resume: the checkpoint has no KL reference policy; set "klCoef": 0');
    if (JSON.stringify(state.lora?.settings ?? null) !== JSON.stringify(loraSettings(job))) {
      throw new Error(`cannot resume: the checkpoint's LoRA settings (${JSON.stringify(state.lora?.settings ?? null)}) differ from the job's "lora" (${JSON.stringify(loraSettings(job))})`);
    }
    status(`Resuming from ${checkpointDir} at step ${state.step}/${job.steps}`);
  } else {
    if (committedFolder(checkpointDir) !== null) throw new Error(`${o.out} already holds a run (${checkpointDir}); pass --resume to continue it or choose another --out`);
    mkdirSync(o.out, { recursive: true });
    const lora = loraSettings(job);
    const options = { seed: job.seed, keepReference: job.kind === 'grpo' && job.klCoef > 0, drpo: job.kind === 'grpo' && job.advantage === 'drpo', ...(lora ? { lora } : {}) };
    if (job.model.init) {
      const location = locateModel(job.model.init);
      const base = await loadCheckpoint(location.checkpointDir);
      tokenizerJson = readJson(location.tokenizerFile);
      state = createTrainerState(base.config, asDecoderWeights(base.config, base.weights), options);
      status(`Starting from ${location.checkpointDir} (trained ${base.step} steps)`);
    } else {
      if (job.tokenizer.path) {
        tokenizerJson = readJson(job.tokenizer.path);
      } else {
        const extraLines = job.tokenizer.corpus.flatMap((f) => readFileSync(f, 'utf8').split('\n'));
        tokenizerJson = trainJobTokenizer(records, { vocabSize: job.tokenizer.vocabSize, minFrequency: job.tokenizer.minFrequency, extraLines });
      }
      const vocabSize = tokenizerFromJson(tokenizerJson).vocabSize;
      const { hiddenSize, numLayers, numHeads, numKvHeads, intermediateSize, ropeTheta, tieWordEmbeddings } = job.model;
      const config = defineDecoderConfig({ vocabSize, hiddenSize, numLayers, numHeads, numKvHeads, intermediateSize, ropeTheta, tieWordEmbeddings, rmsNormEps: 1e-6, dtype: 'float32' });
      state = createTrainerState(config, initDecoderWeights(config, job.model.initSeed ?? job.seed), options);
      status(`New ${numLayers}-layer decoder (hidden ${hiddenSize}, vocabulary ${vocabSize}) on ${records.length} records`);
    }
    writeFileSync(tokenizerFile, `${JSON.stringify(tokenizerJson)}\n`);
    writeFileSync(path.join(o.out, RUN_FILES.job), `${JSON.stringify(job, null, 2)}\n`);
  }

  const codec = chatCodec(tokenizerFromJson(tokenizerJson));
  if (codec.tokenizer.vocabSize > state.config.vocabSize) {
    throw new Error(`the tokenizer has ${codec.tokenizer.vocabSize} ids but the model only ${state.config.vocabSize}`);
  }
  const loop = {
    state,
    steps: job.steps,
    checkpointDir,
    checkpointEvery: job.checkpointEvery,
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.onMetrics ? { onMetrics: o.onMetrics } : {}),
  };
  let result: TrainResult;
  if (job.kind === 'sft') {
    result = await sftTrainer({ ...loop, data: sftExamples(records, codec), lr: job.lr, batchSize: job.batchSize, padId: codec.padId });
  } else {
    result = await grpoTrainer({
      ...loop,
      questions: records.map((r) => question(r, codec.promptIds(r.prompt))),
      rewardFn: qoqMedRewardFn(codec.decode),
      advantage: job.advantage,
      lr: job.lr,
      G: job.G,
      ...(job.questionsPerStep !== undefined ? { questionsPerStep: job.questionsPerStep } : {}),
      ...(job.miniBatchSize !== undefined ? { miniBatchSize: job.miniBatchSize } : {}),
      maxNewTokens: job.maxNewTokens,
      temperature: job.temperature,
      eosTokenIds: [codec.eosId],
      padTokenId: codec.padId,
      ppoEpochs: job.ppoEpochs,
      klCoef: job.klCoef,
      clipLow: job.clipLow,
      clipHigh: job.clipHigh,
      drpo: job.drpo,
    });
  }
  return { step: result.state.step, steps: job.steps, stepsRun: result.stepsRun, cancelled: result.cancelled, checkpointDir };
}

/** The job's LoRA settings with their defaults resolved (seed: the job's), or null for full fine-tuning. */
function loraSettings(job: JobConfig): LoraSettings | null {
  if (!job.lora) return null;
  const { rank, alpha, targets } = job.lora;
  return { rank, alpha, targets, seed: job.lora.seed ?? job.seed };
}

function sftExamples(records: readonly TrainingRecord[], codec: ReturnType<typeof chatCodec>): PromptResponse[] {
  return records.map((r) => {
    if (r.response === undefined) throw new Error(`SFT needs a response in every record; '${r.id}' has none`);
    return { promptIds: codec.promptIds(r.prompt), responseIds: codec.responseIds(r.response) };
  });
}

function question(r: TrainingRecord, promptIds: number[]): GrpoQuestion {
  return { id: r.id, promptIds, domain: r.domain, answerLabels: r.answerLabels, ...(r.bbox ? { region: { box: r.bbox } } : {}) };
}

function readJson(file: string): object {
  return JSON.parse(readFileSync(file, 'utf8')) as object;
}
