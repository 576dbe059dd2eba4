import { saveCheckpoint } from './saveCheckpoint.js';
import type { TrainMetrics } from './TrainMetrics.js';
import type { TrainerState } from './TrainerState.js';

/** What every trainer shares: how long to run, where to save, how to stop, where metrics go. */
export interface LoopOptions {
  readonly state: TrainerState;
  /** Run until state.step reaches this (a resumed run continues toward the same total). */
  readonly steps: number;
  readonly onMetrics?: (record: TrainMetrics) => void;
  /** Save every N completed steps (0 = never on an interval); needs checkpointDir. */
  readonly checkpointEvery?: number;
  /** Checkpoint folder, replaced atomically on each save. Without it nothing is saved. */
  readonly checkpointDir?: string;
  /** Stops the run at the next safe point; the last completed step is checkpointed. */
  readonly signal?: AbortSignal;
}

export interface TrainResult {
  readonly state: TrainerState;
  readonly stepsRun: number;
  readonly cancelled: boolean;
}

/**
 * One trainer step: advances `state` by exactly one step, or returns 'cancelled' having left it
 * untouched (a step may only be abandoned before it changes any state).
 */
export type StepRunner = (step: number) => Promise<'done' | 'cancelled'>;

/**
 * The model-agnostic outer loop (minGPT's Trainer.run): step until done, checkpoint on the interval,
 * at the end and on cancel, report through callbacks. The trainer-specific work is `runStep`.
 */
export async function runTrainingLoop(options: LoopOptions, runStep: StepRunner): Promise<TrainResult> {
  const { state, signal } = options;
  const every = options.checkpointEvery ?? 0;
  const save = async (reason: 'interval' | 'cancel' | 'end'): Promise<void> => {
    if (options.checkpointDir === undefined) return;
    await saveCheckpoint(options.checkpointDir, state);
    options.onMetrics?.({ type: 'checkpoint', step: state.step, dir: options.checkpointDir, reason });
  };
  let stepsRun = 0;
  while (state.step < options.steps) {
    if (signal?.aborted || (await runStep(state.step + 1)) === 'cancelled') {
      await save('cancel');
      return { state, stepsRun, cancelled: true };
    }
    stepsRun++;
    if (every > 0 && state.step % every === 0 && state.step < options.steps) await save('interval');
  }
  await save('end');
  return { state, stepsRun, cancelled: false };
}
