/**
 * `qoq eval`: greedy generation from a trained checkpoint on JSON-lines records, each response scored
 * with the project's reward (notes §3: F1 of the \boxed{} labels, IoU, format, length), summarised per
 * domain and overall. Runs in the calling process: evaluation changes nothing and is cancelled by
 * simply stopping it.
 */
import { readFileSync } from 'node:fs';
import { computeReward, CODE_WEIGHTS, type RewardWeights } from '../ml/rewards';
import { tokenizerFromJson } from '../ml/tokenizer';
import { loadCheckpoint } from '../ml/train/index.js';
import { openPolicySampler } from '../ml/train/policySampler.js';
import { chatCodec } from './chatCodec';
import { locateModel } from './runFolder';
import { readTrainingData } from './trainingData';

export interface EvalScores {
  readonly n: number;
  readonly reward: number;
  readonly f1: number;
  readonly iou: number;
  readonly format: number;
  readonly length: number;
}

export interface EvalRow extends Omit<EvalScores, 'n'> {
  readonly id: string;
  readonly domain: string;
  readonly answer: readonly string[];
  readonly response: string;
}

export interface EvalReport {
  readonly model: string;
  readonly data: string;
  readonly step: number;
  readonly maxNewTokens: number;
  /** Per domain, in order of first appearance in the data. */
  readonly domains: Readonly<Record<string, EvalScores>>;
  readonly overall: EvalScores;
  readonly records: readonly EvalRow[];
}

export interface EvaluateOptions {
  readonly modelDir: string;
  readonly dataFile: string;
  /** Default: the run's job.json maxNewTokens, else 64. */
  readonly maxNewTokens?: number;
  readonly weights?: RewardWeights;
  readonly onRecord?: (row: EvalRow, index: number, total: number) => void;
}

export async function evaluateModel(o: EvaluateOptions): Promise<EvalReport> {
  const location = locateModel(o.modelDir);
  const records = readTrainingData(o.dataFile);
  const state = await loadCheckpoint(location.checkpointDir);
  const codec = chatCodec(tokenizerFromJson(JSON.parse(readFileSync(location.tokenizerFile, 'utf8')) as object));
  const maxNewTokens = o.maxNewTokens ?? jobMaxNewTokens(location.jobFile) ?? 64;
  const rows: EvalRow[] = [];
  // KV-cached decoding through the runtime's decoder graph (prefill once, one token per step), as GRPO
  // rollouts sample: a full-sequence forward per token was O(length²) per response.
  const sampler = await openPolicySampler(state.config, state.weights);
  try {
    for (const [i, r] of records.entries()) {
      const generated = await sampler.sample(
        { promptIds: codec.promptIds(r.prompt) },
        { numSequences: 1, doSample: false, maxNewTokens, eosTokenIds: [codec.eosId], padTokenId: codec.padId, repetitionPenalty: 1, seed: 0 },
      );
      const response = codec.decode((generated?.tokenIds[0] ?? []).filter((id) => id !== codec.eosId && id !== codec.padId));
      const score = computeReward(response, { answer: r.answerLabels, ...(r.bbox ? { box: r.bbox } : {}) }, o.weights ?? CODE_WEIGHTS);
      const row: EvalRow = { id: r.id, domain: r.domain, answer: r.answerLabels, response, reward: score.total, f1: score.f1, iou: score.iou, format: score.format, length: score.length };
      rows.push(row);
      o.onRecord?.(row, i, records.length);
    }
  } finally {
    await sampler.release();
  }
  const domains: Record<string, EvalScores> = {};
  for (const domain of new Set(rows.map((r) => r.domain))) domains[domain] = summarise(rows.filter((r) => r.domain === domain));
  return { model: o.modelDir, data: o.dataFile, step: state.step, maxNewTokens, domains, overall: summarise(rows), records: rows };
}

function summarise(rows: readonly EvalRow[]): EvalScores {
  const mean = (key: keyof Omit<EvalScores, 'n'>): number => (rows.length === 0 ? 0 : rows.reduce((s, r) => s + r[key], 0) / rows.length);
  return { n: rows.length, reward: mean('reward'), f1: mean('f1'), iou: mean('iou'), format: mean('format'), length: mean('length') };
}

function jobMaxNewTokens(jobFile: string | null): number | undefined {
  if (jobFile === null) return undefined;
  try {
    const job = JSON.parse(readFileSync(jobFile, 'utf8')) as { maxNewTokens?: unknown };
    return typeof job.maxNewTokens === 'number' && Number.isInteger(job.maxNewTokens) && job.maxNewTokens > 0 ? job.maxNewTokens : undefined;
  } catch {
    return undefined;
  }
}
