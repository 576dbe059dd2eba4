import type { DrpoOptions } from '../advantages/index.js';
import type { KlEstimator } from '../losses/index.js';
import type { AdamWConfig } from '../optim/index.js';
import type { GrpoQuestion, RewardFn } from './GrpoQuestion.js';
import type { LoopOptions } from './runTrainingLoop.js';
import type { LearningRate } from './OptimizerSettings.js';
import type { SessionCache } from './SessionCache.js';

/** GRPO / DRPO run settings; defaults (in comments) follow the QoQ-Med medical runs (reference §5). */
export interface GrpoOptions extends LoopOptions {
  readonly questions: readonly GrpoQuestion[];
  readonly rewardFn: RewardFn;
  readonly advantage: 'grpo' | 'drpo';
  readonly lr: LearningRate; // reference: 1e-6
  readonly G?: number; // 5: responses sampled per question
  readonly questionsPerStep?: number; // all: questions drawn (without replacement) per step
  readonly maxNewTokens?: number; // 64
  readonly temperature?: number; // 1.0: the rollout policy is the model itself (log-probs use the same τ)
  readonly eosTokenIds?: readonly number[]; // Qwen2's [151645, 151643]
  readonly padTokenId?: number; // 151643
  readonly ppoEpochs?: number; // 1
  readonly miniBatchSize?: number; // all rollouts of the step: one update per epoch
  readonly klCoef?: number; // 1e-4 (needs state.reference when > 0)
  readonly klEstimator?: KlEstimator; // 'low_var_kl'
  readonly clipLow?: number; // 0.2
  readonly clipHigh?: number; // 0.2
  readonly dualClip?: number; // 3
  readonly optimizer?: AdamWConfig; // QOQ_MED_ADAMW
  readonly clip?: number; // 1.0 global gradient norm
  readonly seqBucket?: number; // 8: sequence lengths padded up to a multiple
  readonly drpo?: DrpoOptions; // K_max 10, ε 1e-6, mode 'full'
  /**
   * Step / log-prob graph sessions to use (and leave open), so runs one after another build each graph
   * once. Only share it between runs of the same model AND the same loss settings (klCoef, clips,
   * temperature, optimizer): the cache keys are the buckets. Default: the run's own, released at its end.
   */
  readonly sessions?: SessionCache;
}

export type ResolvedGrpoSettings = Required<Omit<GrpoOptions, keyof LoopOptions | 'drpo' | 'miniBatchSize' | 'questionsPerStep' | 'sessions'>> & {
  readonly drpo: DrpoOptions;
  readonly questionsPerStep: number;
  readonly miniBatchSize: number;
};

export function resolveGrpoSettings(o: GrpoOptions, defaults: { optimizer: AdamWConfig; clip: number }): ResolvedGrpoSettings {
  const questionsPerStep = Math.min(o.questionsPerStep ?? o.questions.length, o.questions.length);
  const G = o.G ?? 5;
  const s: ResolvedGrpoSettings = {
    questions: o.questions,
    rewardFn: o.rewardFn,
    advantage: o.advantage,
    lr: o.lr,
    G,
    questionsPerStep,
    maxNewTokens: o.maxNewTokens ?? 64,
    temperature: o.temperature ?? 1,
    eosTokenIds: o.eosTokenIds ?? [151645, 151643],
    padTokenId: o.padTokenId ?? 151643,
    ppoEpochs: o.ppoEpochs ?? 1,
    miniBatchSize: Math.min(o.miniBatchSize ?? questionsPerStep * G, questionsPerStep * G),
    klCoef: o.klCoef ?? 1e-4,
    klEstimator: o.klEstimator ?? 'low_var_kl',
    clipLow: o.clipLow ?? 0.2,
    clipHigh: o.clipHigh ?? 0.2,
    dualClip: o.dualClip ?? 3,
    optimizer: o.optimizer ?? defaults.optimizer,
    clip: o.clip ?? defaults.clip,
    seqBucket: o.seqBucket ?? 8,
    drpo: o.drpo ?? {},
  };
  const problems: string[] = [];
  if (o.questions.length === 0) problems.push('no questions');
  if (!Number.isInteger(G) || G < 2) problems.push(`G must be an integer ≥ 2 (advantages compare responses), got ${G}`);
  if (!Number.isInteger(questionsPerStep) || questionsPerStep < 1) problems.push(`questionsPerStep must be ≥ 1, got ${questionsPerStep}`);
  if (!Number.isInteger(s.ppoEpochs) || s.ppoEpochs < 1) problems.push(`ppoEpochs must be ≥ 1, got ${s.ppoEpochs}`);
  if (!Number.isInteger(s.miniBatchSize) || s.miniBatchSize < 1) problems.push(`miniBatchSize must be ≥ 1, got ${s.miniBatchSize}`);
  if (new Set(o.questions.map((q) => q.id)).size !== o.questions.length) problems.push('question ids must be unique');
  if (problems.length > 0) throw new Error(`grpoTrainer: ${problems.join('; ')}`);
  return s;
}
