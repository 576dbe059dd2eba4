/**
 * Contract schemas of local fine-tuning: starting, cancelling and listing training runs, and the
 * progress event the trainer's child process feeds. The job config itself travels as a JSON object and
 * is validated by the service against the trainer's own schema (src-main/training/jobConfig.ts): that
 * schema grows with the trainer, and the contract must not import trainer code (it is shared with the
 * renderer). An invalid config is refused with the zod issue's path before any process starts.
 */
import { z } from 'zod';

const Path = z.string().min(1).max(4096);

export const StartTrainingInputSchema = z
  .object({
    /** A `qoq train` job config (kind, data, steps, lr, …); optional only when resuming. */
    config: z.record(z.string(), z.unknown()).optional(),
    /** Folder that relative paths in the config are resolved against (the config file's folder). */
    configDir: Path.optional(),
    /** Run folder; default: a new folder under `<data folder>/training/`. */
    runDir: Path.optional(),
    /** Continue the run in runDir from its last checkpoint (its job.json when no config is given). */
    resume: z.boolean().optional(),
  })
  .strict()
  .refine((v) => v.config !== undefined || v.resume === true, { message: 'a config is needed unless resuming', path: ['config'] })
  .refine((v) => v.resume !== true || v.runDir !== undefined, { message: 'resuming needs the run folder', path: ['runDir'] });

export const StartTrainingOutputSchema = z.object({ jobId: z.string().uuid(), runDir: z.string() });

export const TrainingRunStateSchema = z.enum(['running', 'finished', 'cancelled', 'failed', 'interrupted']);
export type TrainingRunState = z.infer<typeof TrainingRunStateSchema>;

const Metric = z.number().nullable();

/** One training step, the same fields for SFT and GRPO/DRPO (null where the kind has no such metric). */
export const TrainingStepMetricsSchema = z.object({
  kind: z.enum(['sft', 'grpo', 'drpo']),
  loss: z.number(),
  /** Mean reward of the step's sampled responses (GRPO/DRPO). */
  reward: Metric,
  f1: Metric,
  iou: Metric,
  /** Every reward part the reward function reported (f1, iou, format, length, …). */
  rewardParts: z.record(z.string(), z.number()),
  /** KL to the frozen reference policy (null without one). */
  kl: Metric,
  clipFraction: Metric,
  gradNorm: z.number(),
  lr: z.number(),
  /** SFT: response tokens trained on; GRPO: mean response length in tokens. */
  tokens: Metric,
  responseLength: Metric,
  timeMs: z.number(),
});
export type TrainingStepMetrics = z.infer<typeof TrainingStepMetricsSchema>;

export const TrainingDomainMetricsSchema = z.object({
  domain: z.string(),
  questions: z.number().int(),
  reward: z.number(),
  f1: Metric,
  iou: Metric,
  rewardParts: z.record(z.string(), z.number()),
  /** DRPO's scale factors of the domain at this step (absent for GRPO). */
  drpo: z.object({ N_d: z.number(), mu_d: z.number(), T_d: z.number(), K: z.number().int() }).optional(),
});
export type TrainingDomainMetrics = z.infer<typeof TrainingDomainMetricsSchema>;

export const TrainingProgressSchema = z.object({
  jobId: z.string(),
  runDir: z.string(),
  /**
   * started: the child took the job · status: a note (tokenizer trained, resumed at step n…) · step: one
   * step's metrics · checkpoint: a checkpoint was committed · finished / cancelled (checkpointed,
   * resumable) / failed: the end (no more events for this job).
   */
  phase: z.enum(['started', 'status', 'step', 'checkpoint', 'finished', 'cancelled', 'failed']),
  step: z.number().int().min(0),
  totalSteps: z.number().int().min(0),
  message: z.string().optional(),
  metrics: TrainingStepMetricsSchema.optional(),
  domains: z.array(TrainingDomainMetricsSchema).optional(),
  checkpoint: z.object({ dir: z.string(), reason: z.enum(['interval', 'cancel', 'end']) }).optional(),
});
export type TrainingProgress = z.infer<typeof TrainingProgressSchema>;

export const TrainingRunSchema = z.object({
  runDir: z.string(),
  /** The job id of the run's latest start (null for a folder with no run-state file). */
  jobId: z.string().nullable(),
  /** 'interrupted': the state file says running but no process of this service runs it (app crashed). */
  state: TrainingRunStateSchema,
  kind: z.enum(['sft', 'grpo', 'drpo']).nullable(),
  step: z.number().int().min(0),
  totalSteps: z.number().int().min(0),
  /** A committed checkpoint exists and the run is not finished: startTraining({resume}) continues it. */
  resumable: z.boolean(),
  startedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  error: z.string().optional(),
  lastMetrics: TrainingStepMetricsSchema.nullable(),
});
export type TrainingRun = z.infer<typeof TrainingRunSchema>;
