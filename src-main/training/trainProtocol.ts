/** Messages between `qoq train` (parent) and the training child process (IPC, advanced serialization). */
import type { TrainMetrics } from '../ml/train/index.js';
import type { JobConfig } from './jobConfig';
import type { JobResult } from './runTrainingJob';

export type ParentToTrainer =
  | { readonly type: 'start'; readonly job: JobConfig; readonly out: string; readonly resume: boolean }
  /** Stop at the next safe point; the child checkpoints the last completed step and reports 'done'. */
  | { readonly type: 'cancel' };

export type TrainerToParent =
  | { readonly type: 'status'; readonly text: string }
  | { readonly type: 'metrics'; readonly record: TrainMetrics }
  | { readonly type: 'done'; readonly result: JobResult }
  | { readonly type: 'failed'; readonly message: string };
