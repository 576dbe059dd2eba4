/**
 * `listTrainingRuns`: the run folders under `<data folder>/training/`, newest first, each with its state
 * and last step's metrics from its run-state file. A run whose file says 'running' but which no process
 * of this service is running was cut off (the app or machine stopped): it is shown as 'interrupted',
 * resumable from its last checkpoint.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TrainingRun } from '../contract/trainingSchemas';
import { committedFolder } from '../ml/train/index.js';
import { RUN_FILES } from '../training/runFolder';
import { readRunState } from './trainingRunState';

export const TRAINING_FOLDER = 'training';

export function listTrainingRuns(dataDir: string, isActive: (runDir: string) => boolean): TrainingRun[] {
  const root = path.join(dataDir, TRAINING_FOLDER);
  if (!existsSync(root)) return [];
  const runs: TrainingRun[] = [];
  for (const name of readdirSync(root)) {
    const runDir = path.join(root, name);
    if (!statSync(runDir).isDirectory()) continue;
    const state = readRunState(runDir);
    const hasCheckpoint = committedFolder(path.join(runDir, RUN_FILES.checkpoint)) !== null;
    if (!state && !hasCheckpoint) continue; // not a run folder
    const active = isActive(runDir);
    const shown = state ? (state.state === 'running' && !active ? 'interrupted' : state.state) : 'interrupted';
    runs.push({
      runDir,
      jobId: state?.jobId ?? null,
      state: shown,
      kind: state?.kind ?? null,
      step: state?.step ?? 0,
      totalSteps: state?.totalSteps ?? 0,
      resumable: hasCheckpoint && !active && shown !== 'finished',
      startedAt: state?.startedAt ?? null,
      updatedAt: state?.updatedAt ?? null,
      ...(state?.error ? { error: state.error } : {}),
      lastMetrics: state?.lastMetrics ?? null,
    });
  }
  return runs.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
}
