// Metric records the trainers emit, one JSON line each (see jsonLinesMetrics). Plain numbers only, so
// `qoq train` can stream them to the UI and a notebook can read them back with one JSON.parse per line.

export interface SftStepMetrics {
  readonly type: 'sft-step';
  readonly step: number;
  readonly lr: number;
  readonly loss: number; // masked token cross-entropy of the response, before the update
  readonly gradNorm: number; // global L2 norm before clipping
  readonly tokens: number; // response tokens trained on
  readonly timeMs: number;
}

export interface GrpoStepMetrics {
  readonly type: 'grpo-step';
  readonly step: number;
  readonly lr: number;
  readonly advantage: 'grpo' | 'drpo';
  readonly questions: number;
  readonly responses: number;
  readonly rewardMean: number;
  /** Mean of each named reward part (F1, IoU, format, length …) when the reward function gives them. */
  readonly rewardParts: Readonly<Record<string, number>>;
  readonly advantageAbsMean: number;
  readonly responseLengthMean: number; // tokens, eos included
  // Averages over the PPO minibatch updates of this step:
  readonly loss: number; // total objective (policy + klCoef · KL)
  readonly policyLoss: number;
  readonly kl: number | null; // KL(π_θ ‖ π_ref) estimate before the coefficient; null without a reference
  readonly approxKl: number; // k1 KL(π_old ‖ π_θ): how far the updates moved from the rollout policy
  readonly clipFraction: number;
  readonly gradNorm: number;
  readonly updates: number; // optimizer updates this step (epochs × minibatches)
  readonly timeMs: number;
  readonly rolloutMs: number;
}

export interface DomainMetrics {
  readonly type: 'domain';
  readonly step: number;
  readonly domain: string;
  readonly questions: number;
  readonly rewardMean: number;
  readonly rewardParts: Readonly<Record<string, number>>;
  /** DRPO's scale factors for this domain at this step (absent for GRPO). */
  readonly drpo?: {
    readonly N_d: number; // questions seen in the domain so far
    readonly mu_d: number;
    readonly T_d: number; // domain temperature: GRPO advantages are divided by T_d · cluster factor
    readonly K: number;
    readonly clusterSizes: readonly number[];
    readonly clusterFactors: readonly number[];
  };
}

export interface CheckpointEvent {
  readonly type: 'checkpoint';
  readonly step: number;
  readonly dir: string;
  readonly reason: 'interval' | 'cancel' | 'end';
}

export type TrainMetrics = SftStepMetrics | GrpoStepMetrics | DomainMetrics | CheckpointEvent;

/** Arithmetic mean; 0 for an empty list (a metric of nothing, not NaN in the log). */
export const mean = (values: readonly number[]): number => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
