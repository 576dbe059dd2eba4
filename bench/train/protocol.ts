import { readFileSync } from 'node:fs';

/**
 * What the bench asks one measured training child for (one JSON argument) and what it answers (one IPC
 * message). Each step kind runs in its own process so its peak RSS (VmHWM) is its own: the bench's tsx
 * loader, the reward texts and the DRPO history never count against a training step.
 */
export interface StepJob {
  readonly kind: 'sft' | 'grpo';
  readonly decoder: {
    readonly hiddenSize: number;
    readonly numLayers: number;
    readonly numHeads: number;
    readonly numKvHeads: number;
    readonly intermediateSize: number;
    readonly vocabSize: number;
  };
  readonly batch: number;
  readonly seqLen: number;
  /** Prompt tokens per row; the rest of seqLen is the response the loss is taken on. */
  readonly promptLen: number;
  readonly warmup: number;
  readonly runs: number;
  readonly intraOpThreads: number;
}

export interface StepResult {
  readonly type: 'result';
  readonly kind: StepJob['kind'];
  readonly params: number;
  readonly buildGraphMs: number;
  readonly graphBytes: number;
  readonly sessionMs: number;
  /** Wall time of each measured applyTrainStep call (feeds + ORT run + commit). */
  readonly stepMs: readonly number[];
  /** GRPO only: forward-only log-prob graph of the same bucket (what π_old and π_ref cost per minibatch). */
  readonly logProbMs: readonly number[];
  readonly losses: readonly number[];
  readonly rssAfterImportMb: number;
  readonly rssAfterLoadMb: number;
  /** VmHWM of the whole child: imports + state + graph build + session + all steps. */
  readonly peakRssMb: number;
  /** VmHWM since a reset right after the session opened: the steps alone (−1 if the reset was refused). */
  readonly peakStepRssMb: number;
}

function statusKb(field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync('/proc/self/status', 'latin1');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
}

export const rssMb = (): number => statusKb('VmRSS') / 1024;
export const peakRssMb = (): number => statusKb('VmHWM') / 1024;
