import { grpoTrainer, type LoraSettings, type TrainMetrics, type TrainResult, type TrainerState } from '../../../../src-main/ml/train/index.js';
import { EOS, PAD, TOY_QUESTIONS, toyReward, toyState } from './toyTasks.js';

/** LoRA settings of the LoRA variant of the resume tests (every projection kind, rank 4). */
export const RESUME_LORA: LoraSettings = { rank: 4, alpha: 8, targets: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'], seed: 11 };

/**
 * The fresh state of the kill-and-resume run: DRPO history and a KL reference, so both are checkpointed;
 * with `lora`, only adapters train (the base is then the reference).
 */
export const freshResumeState = (lora = false): TrainerState => toyState({ seed: 7, keepReference: true, drpo: true, ...(lora ? { lora: RESUME_LORA } : {}) });

export interface ResumeRunOptions {
  readonly state: TrainerState;
  readonly steps: number;
  readonly checkpointDir?: string;
  readonly checkpointEvery?: number;
  readonly onMetrics?: (record: TrainMetrics) => void;
  readonly signal?: AbortSignal;
}

/**
 * The DRPO run the resume tests repeat, interrupted or not. Two PPO epochs over shuffled minibatches
 * and three of four questions per step, so the data-order stream is exercised as well as sampling.
 */
export function toyDrpoRun(o: ResumeRunOptions): Promise<TrainResult> {
  return grpoTrainer({
    ...o,
    questions: TOY_QUESTIONS,
    rewardFn: toyReward,
    advantage: 'drpo',
    G: 4,
    questionsPerStep: 3,
    ppoEpochs: 2,
    miniBatchSize: 8,
    lr: (step) => 2e-2 / step, // a schedule, so the resumed step number matters too
    maxNewTokens: 3,
    eosTokenIds: [EOS],
    padTokenId: PAD,
    klCoef: 1e-2,
  });
}
