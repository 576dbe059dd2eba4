/**
 * The core of `npm run experiment:drpo`: from one SFT checkpoint, train every method for every seed on
 * the same questions with the same budget, one run after another, and evaluate each final policy (and the
 * start) greedily on the held-out prompts. Seeds pair the arms: seed s gives every method the same
 * question stream and the same sampling streams, so step 1 of all three methods sees identical rollouts.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { DrpoMode } from '../../ml/advantages/index.js';
import type { GenerationConfig } from '../../ml/generation/index.js';
import type { DecoderConfig } from '../../ml/models/decoder/index.js';
import { asDecoderWeights, createTrainerState, grpoTrainer, jsonLinesMetrics, SessionCache, type GrpoQuestion, type ParamTable, type RewardFn, type TrainMetrics } from '../../ml/train/index.js';
import { EXPERIMENT_METHODS, type EvaluationRecord, type ExperimentMethod, type RewardPoint } from './drpoExperimentTypes.js';
import { evaluatePolicy, type PolicyEvaluation } from './evaluatePolicy.js';
import type { CachedLabPrompt } from './labPrompts.js';

export interface DrpoExperimentSettings {
  readonly seeds: readonly number[];
  readonly methods?: readonly ExperimentMethod[]; // all three
  readonly steps: number;
  readonly questionsPerStep: number;
  readonly G: number;
  readonly lr: number;
  readonly maxNewTokens: number;
  readonly klCoef: number;
  readonly seqBucket: number;
}

export interface DrpoExperimentInput {
  readonly config: DecoderConfig;
  /** The SFT checkpoint's decoder weights (never modified). */
  readonly start: ParamTable;
  readonly train: readonly GrpoQuestion[];
  readonly test: readonly CachedLabPrompt[];
  readonly rewardFn: RewardFn;
  readonly decode: (ids: readonly number[]) => string;
  /** Held-out decoding: the package's own settings, greedy. */
  readonly evalGeneration: Partial<GenerationConfig>;
  readonly eosTokenIds: readonly number[];
  readonly padTokenId: number;
  /** One `<method>-seed<seed>.jsonl` of trainer metrics per run is written here. */
  readonly metricsDir: string;
  readonly log?: (message: string) => void;
}

export interface DrpoExperimentResult {
  readonly records: readonly EvaluationRecord[];
  /** The full evaluations (per-study rows), in record order. */
  readonly evaluations: readonly PolicyEvaluation[];
  readonly rewards: readonly RewardPoint[];
}

const DRPO_MODE: Readonly<Record<ExperimentMethod, DrpoMode | null>> = { grpo: null, drpo: 'full', 'drpo-inter': 'inter-domain-only' };

export async function runDrpoExperiment(input: DrpoExperimentInput, settings: DrpoExperimentSettings): Promise<DrpoExperimentResult> {
  const { config } = input;
  const methods = settings.methods ?? EXPERIMENT_METHODS;
  if (settings.seeds.length === 0) throw new Error('runDrpoExperiment: no seeds');
  if (new Set(settings.seeds).size !== settings.seeds.length) throw new Error('runDrpoExperiment: seeds must be distinct');
  const log = input.log ?? ((): void => undefined);
  const records: EvaluationRecord[] = [];
  const evaluations: PolicyEvaluation[] = [];
  const rewards: RewardPoint[] = [];
  const evaluate = async (weights: ParamTable): Promise<PolicyEvaluation> => evaluatePolicy(config, weights, input.test, input.decode, input.evalGeneration);
  const record = (method: EvaluationRecord['method'], seed: number | null, evaluation: PolicyEvaluation, trainMinutes: number): void => {
    const { domains, macro } = evaluation;
    records.push({ method, seed, domains, macro: { f1: macro.f1, iou: macro.iou, format: macro.format }, trainMinutes });
    evaluations.push(evaluation);
  };

  const started = performance.now();
  record('sft', null, await evaluate(input.start), 0);
  log(`SFT start: macro F1 ${records[0]?.macro.f1.toFixed(3)}, IoU ${records[0]?.macro.iou.toFixed(3)} (evaluated in ${((performance.now() - started) / 1000).toFixed(0)} s)`);

  // Every run has the same loss settings, so the step / log-prob graphs are built once for all of them.
  const sessions = new SessionCache();
  try {
    for (const seed of settings.seeds) {
      for (const method of methods) {
        const mode = DRPO_MODE[method];
        const file = path.join(input.metricsDir, `${method}-seed${seed}.jsonl`);
        rmSync(file, { force: true }); // jsonLinesMetrics appends
        const write = jsonLinesMetrics(file);
        const state = createTrainerState(config, asDecoderWeights(config, input.start), { seed, keepReference: settings.klCoef > 0, drpo: mode !== null });
        const runStarted = performance.now();
        await grpoTrainer({
          state,
          sessions,
          questions: input.train,
          rewardFn: input.rewardFn,
          advantage: mode === null ? 'grpo' : 'drpo',
          ...(mode === null ? {} : { drpo: { mode } }),
          G: settings.G,
          questionsPerStep: settings.questionsPerStep,
          steps: settings.steps,
          lr: settings.lr,
          maxNewTokens: settings.maxNewTokens,
          klCoef: settings.klCoef,
          seqBucket: settings.seqBucket,
          eosTokenIds: input.eosTokenIds,
          padTokenId: input.padTokenId,
          onMetrics: (m) => {
            write(m);
            if (m.type === 'grpo-step' && (m.step % 5 === 0 || m.step === settings.steps)) log(`${method} seed ${seed} step ${m.step}/${settings.steps}: reward ${m.rewardMean.toFixed(3)}, ${(m.timeMs / 1000).toFixed(1)} s/step`);
          },
        });
        const trainMinutes = (performance.now() - runStarted) / 60_000;
        const evaluation = await evaluate(state.weights);
        record(method, seed, evaluation, trainMinutes);
        rewards.push(...readRewardPoints(file, method, seed));
        log(`${method} seed ${seed}: trained ${trainMinutes.toFixed(1)} min; held-out macro F1 ${evaluation.macro.f1.toFixed(3)}, IoU ${evaluation.macro.iou.toFixed(3)}`);
      }
    }
  } finally {
    await sessions.release();
  }
  return { records, evaluations, rewards };
}

/** A run's per-domain rollout rewards, read back from its JSON-lines metrics. */
export function readRewardPoints(file: string, method: ExperimentMethod, seed: number): RewardPoint[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as TrainMetrics)
    .flatMap((m) => (m.type === 'domain' ? [{ method, seed, step: m.step, domain: m.domain, reward: m.rewardMean }] : []));
}
