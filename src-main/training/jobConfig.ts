/**
 * `qoq train` job configs: a JSON file validated with zod, so a mistake is reported by its path in the
 * file (`drpo.kMax: …`) before any process is started. Relative paths are resolved against the config
 * file's folder.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LORA_PROJECTIONS } from '../ml/train/loraSettings.js';

const positiveInt = z.number().int().positive();

/** A tiny Qwen2-family decoder by default: trains a step in milliseconds on one CPU core. */
const ModelSchema = z
  .object({
    /** Start from a previous run's weights and tokenizer: a `qoq train` output folder or a checkpoint folder. */
    init: z.string().min(1).optional(),
    hiddenSize: positiveInt.default(32),
    numLayers: positiveInt.default(1),
    numHeads: positiveInt.default(2),
    numKvHeads: positiveInt.default(1),
    intermediateSize: positiveInt.default(64),
    ropeTheta: z.number().positive().default(10_000),
    tieWordEmbeddings: z.boolean().default(true),
    /** Seed of the initial weights; default: the job's seed. */
    initSeed: z.number().int().min(0).max(0xffffffff).optional(),
  })
  .strict();

/** Byte-level BPE trained on the data (prompts, responses, answers) plus optional corpus files, or a tokenizer.json. */
const TokenizerSchema = z
  .object({
    path: z.string().min(1).optional(),
    /** 256 byte tokens + 9 special tokens + merges. */
    vocabSize: z.number().int().min(266).max(200_000).default(400),
    minFrequency: positiveInt.default(2),
    /** Extra plain-text files whose lines are added to the BPE corpus. */
    corpus: z.array(z.string().min(1)).default([]),
  })
  .strict();

const DrpoSchema = z
  .object({
    kMax: positiveInt.default(10),
    mode: z.enum(['full', 'inter-domain-only', 'intra-domain-only']).default('full'),
    eps: z.number().positive().default(1e-6),
  })
  .strict();

/** LoRA (Hu et al. 2021) on the decoder's projections: W + (alpha/rank)·B·A, only A and B trained. */
const LoraSchema = z
  .object({
    rank: positiveInt.default(8),
    alpha: z.number().positive().default(16),
    targets: z
      .array(z.enum(LORA_PROJECTIONS))
      .min(1)
      .refine((t) => new Set(t).size === t.length, 'each projection at most once')
      .default([...LORA_PROJECTIONS]),
    /** Seed of the factors' initial values; default: the job's seed. */
    seed: z.number().int().min(0).max(0xffffffff).optional(),
  })
  .strict();

/**
 * What stays frozen. `llm`: the decoder's own weights (default: frozen exactly when `lora` is set — LoRA
 * trains adapters beside them). `vision` / `ecg`: the encoders. `qoq train` jobs train a text-only decoder
 * and have no encoder to train, so these can only be true (the default); false is rejected, not ignored.
 */
const FreezeSchema = z
  .object({
    llm: z.boolean().optional(),
    vision: z.boolean().default(true),
    ecg: z.boolean().default(true),
  })
  .strict();

export const JobConfigSchema = z
  .object({
    // DRPO is GRPO with domain-aware advantages (the `advantage` below), not a kind of its own.
    kind: z.enum(['sft', 'grpo'], {
      error: (issue) =>
        issue.input === 'drpo'
          ? 'a DRPO job is kind "grpo" (its advantage is "drpo" by default)'
          : 'expected "sft" (supervised fine-tuning) or "grpo" (GRPO/DRPO reinforcement learning)',
    }),
    /** GRPO runs only: per-question GRPO advantages, or DRPO's domain-scaled ones (reference §4). */
    advantage: z.enum(['grpo', 'drpo']).default('drpo'),
    model: ModelSchema.default(ModelSchema.parse({})),
    tokenizer: TokenizerSchema.default(TokenizerSchema.parse({})),
    /** JSON lines of {prompt, response?, answer, domain} (or the reference format's problem/dataset). */
    data: z.string().min(1),
    steps: positiveInt,
    lr: z.number().positive(),
    seed: z.number().int().min(0).max(0xffffffff).default(0),
    checkpointEvery: z.number().int().min(0).default(0),
    /** SFT: examples per update. */
    batchSize: positiveInt.default(8),
    /** GRPO: responses per question, questions per step, rollout and update settings (reference §5 defaults). */
    G: z.number().int().min(2).default(5),
    questionsPerStep: positiveInt.optional(),
    temperature: z.number().positive().default(1),
    maxNewTokens: positiveInt.default(32),
    klCoef: z.number().min(0).default(1e-4),
    clipLow: z.number().min(0).max(1).default(0.2),
    clipHigh: z.number().min(0).default(0.2),
    ppoEpochs: positiveInt.default(1),
    miniBatchSize: positiveInt.optional(),
    drpo: DrpoSchema.default(DrpoSchema.parse({})),
    /** Absent: full fine-tuning of every decoder weight. */
    lora: LoraSchema.optional(),
    freeze: FreezeSchema.default(FreezeSchema.parse({})),
  })
  .strict()
  .superRefine((job, ctx) => {
    const fail = (path: (string | number)[], message: string): void => ctx.addIssue({ code: 'custom', path, message });
    if (job.freeze.llm === true && job.lora === undefined) fail(['freeze', 'llm'], 'freezing the LLM without "lora" leaves nothing to train: add "lora" (adapters on the frozen LLM) or set it false');
    if (job.freeze.llm === false && job.lora !== undefined) fail(['freeze', 'llm'], 'with "lora" the LLM weights stay frozen and only the adapters train: drop freeze.llm or set it true');
    for (const encoder of ['vision', 'ecg'] as const) {
      if (!job.freeze[encoder]) fail(['freeze', encoder], `qoq train jobs train a text-only decoder: there is no ${encoder} encoder to train, so it can only stay frozen (true)`);
    }
  });

export type JobConfig = z.infer<typeof JobConfigSchema>;

/** A config that failed validation or could not be read; `message` names the file and the field. */
export class JobConfigError extends Error {}

/** The first issue of a zod error as `path.to.field: message`. */
export function describeZodIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`;
}

/** Issues of a config named at once, so one edit can fix them all. */
const MAX_CONFIG_ISSUES = 8;

/** Every issue of a zod error (up to `max`) as `path.to.field: message`, joined by "; ". */
export function describeZodIssues(error: z.ZodError, max = MAX_CONFIG_ISSUES): string {
  const named = error.issues.slice(0, max).map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
  const more = error.issues.length - named.length;
  return named.length === 0 ? 'invalid' : `${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

/** Validates a parsed config; paths in it are resolved against `baseDir`. */
export function parseJobConfig(raw: unknown, baseDir: string, source = 'config'): JobConfig {
  const parsed = JobConfigSchema.safeParse(raw);
  if (!parsed.success) throw new JobConfigError(`${source}: ${describeZodIssues(parsed.error)}`);
  const job = parsed.data;
  const resolve = (p: string): string => path.resolve(baseDir, p);
  return {
    ...job,
    data: resolve(job.data),
    model: { ...job.model, ...(job.model.init ? { init: resolve(job.model.init) } : {}) },
    tokenizer: { ...job.tokenizer, ...(job.tokenizer.path ? { path: resolve(job.tokenizer.path) } : {}), corpus: job.tokenizer.corpus.map(resolve) },
  };
}

/** Reads and validates a job config file. */
export function readJobConfig(file: string): JobConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new JobConfigError(`cannot read ${file}: ${(err as Error).message}`);
  }
  return parseJobConfig(raw, path.dirname(path.resolve(file)), file);
}
