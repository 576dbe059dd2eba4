/**
 * The state file of a training run (`<run>/run-state.json`), written by the service that runs it: what
 * `listTrainingRuns` shows without reading a long metrics log. Written atomically (tmp + rename), so a
 * crash leaves the previous version, never half a file.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { TrainingRunStateSchema, TrainingStepMetricsSchema } from '../contract/trainingSchemas';

export const RUN_STATE_FILE = 'run-state.json';

const RunStateFileSchema = z.object({
  jobId: z.string(),
  state: TrainingRunStateSchema,
  kind: z.enum(['sft', 'grpo', 'drpo']),
  step: z.number().int().min(0),
  totalSteps: z.number().int().min(0),
  startedAt: z.string(),
  updatedAt: z.string(),
  error: z.string().optional(),
  lastMetrics: TrainingStepMetricsSchema.nullable(),
});
export type RunStateFile = z.infer<typeof RunStateFileSchema>;

export function writeRunState(runDir: string, state: RunStateFile): void {
  const file = path.join(runDir, RUN_STATE_FILE);
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}

/** The state file, or null when there is none or it is unreadable (a folder that is not a run). */
export function readRunState(runDir: string): RunStateFile | null {
  const file = path.join(runDir, RUN_STATE_FILE);
  if (!existsSync(file)) return null;
  try {
    const parsed = RunStateFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
