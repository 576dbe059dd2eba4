/**
 * `qoq export-job`: the curated dataset and a job config for the reference trainer (the verl/EasyR1-based
 * QoQ-Med trainer) to fine-tune a 7B model on a GPU cluster. Writes into `out`:
 *  - train.jsonl (and val.jsonl for test-split records): one record per line in the reference format
 *    (notes §9): problem with one `<image>` placeholder per image, answer, images, time-series, dataset,
 *    optional bbox [x_min, y_min, x_max, y_max] in original pixels, optional segmentation_path;
 *  - the referenced files, copied under images/, time-series/ and masks/ (paths in the records are
 *    relative to `out`, so the trainer is started from that folder);
 *  - job.yaml: the medical-run settings (reference §5) with DRPO selected (algorithm.adv_estimator: drpo).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LAB_MANIFEST_NAME } from '../lab/index';
import { describeZodIssue } from './jobConfig';

const Box = z.tuple([z.number(), z.number(), z.number(), z.number()]);
const SourceRecordSchema = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    split: z.string().optional(),
    problem: z.string().min(1).optional(),
    prompt: z.string().min(1).optional(),
    answer: z.union([z.string(), z.array(z.string())]),
    images: z.array(z.string().min(1)).default([]),
    videos: z.array(z.string().min(1)).optional(),
    'time-series': z.array(z.string().min(1)).default([]),
    dataset: z.string().min(1).optional(),
    domain: z.string().min(1).optional(),
    bbox: Box.optional(),
    segmentation_path: z.string().min(1).optional(),
  })
  .refine((r) => r.problem !== undefined || r.prompt !== undefined, { message: 'needs a problem (or prompt)', path: ['problem'] })
  .refine((r) => r.dataset !== undefined || r.domain !== undefined, { message: 'needs a dataset (or domain)', path: ['dataset'] });

/** One line of the exported dataset: exactly the reference trainer's fields. */
export interface ReferenceRecord {
  problem: string;
  answer: string;
  images: string[];
  videos?: string[];
  'time-series': string[];
  dataset: string;
  bbox?: [number, number, number, number];
  segmentation_path?: string;
}

/** Reference medical-run settings (notes §5). */
export const REFERENCE_RUN = {
  advEstimator: 'drpo',
  G: 5,
  temperature: 1.0,
  lr: 1e-6,
  weightDecay: 1e-2,
  klPenalty: 'low_var_kl',
  klCoef: 1e-4,
  maxPromptLength: 4000,
  maxResponseLength: 4000,
  rolloutBatchSize: 512,
  limitImages: 4,
  maxGradNorm: 1.0,
} as const;

export interface ExportJobOptions {
  /** A phantom-lab folder (lab-manifest.jsonl), or… */
  readonly lab?: string;
  /** …a JSON-lines file in the reference format (paths relative to the file's folder). */
  readonly data?: string;
  readonly out: string;
  /** Base model the job fine-tunes. */
  readonly modelPath?: string;
}

export interface ExportJobSummary {
  readonly trainFile: string;
  readonly valFile: string | null;
  readonly jobFile: string;
  readonly records: number;
  readonly files: number;
  readonly domains: Readonly<Record<string, number>>;
}

export class ExportJobError extends Error {}

export function exportJob(o: ExportJobOptions): ExportJobSummary {
  if ((o.lab === undefined) === (o.data === undefined)) throw new ExportJobError('give exactly one of a lab folder or a data file');
  const source = o.lab !== undefined ? path.join(o.lab, LAB_MANIFEST_NAME) : (o.data as string);
  const baseDir = path.dirname(path.resolve(source));
  const out = path.resolve(o.out);
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(path.join(out, 'job.yaml'))) {
    throw new ExportJobError(`${o.out} exists and is not an earlier export (no job.yaml); choose an empty folder`);
  }
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (err) {
    throw new ExportJobError(`cannot read ${source}: ${(err as Error).message}`);
  }
  mkdirSync(out, { recursive: true });

  const copied = new Set<string>();
  /** Copies `relative` (from the source folder) to `<folder>/relative` in out; returns the new relative path. */
  const copy = (relative: string, folder: string, where: string): string => {
    const from = path.resolve(baseDir, relative);
    const inside = path.relative(baseDir, from);
    if (inside.startsWith('..') || path.isAbsolute(inside)) throw new ExportJobError(`${where}: ${relative} lies outside ${baseDir}`);
    if (!existsSync(from)) throw new ExportJobError(`${where}: ${relative} not found in ${baseDir}`);
    const target = path.posix.join(folder, ...inside.split(path.sep));
    if (!copied.has(target)) {
      mkdirSync(path.dirname(path.join(out, target)), { recursive: true });
      copyFileSync(from, path.join(out, target));
      copied.add(target);
    }
    return target;
  };

  const train: ReferenceRecord[] = [];
  const val: ReferenceRecord[] = [];
  const domains: Record<string, number> = {};
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${source}:${i + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      throw new ExportJobError(`${where}: not JSON: ${(err as Error).message}`);
    }
    const parsed = SourceRecordSchema.safeParse(raw);
    if (!parsed.success) throw new ExportJobError(`${where}: ${describeZodIssue(parsed.error)}`);
    const r = parsed.data;
    const images = r.images.map((p) => copy(p, 'images', where));
    const timeSeries = r['time-series'].map((p) => {
      // A WFDB record is a header plus its signal file(s) of the same stem: copy them all.
      const target = copy(p, 'time-series', where);
      if (p.endsWith('.hea')) for (const sibling of wfdbSiblings(path.resolve(baseDir, p))) copy(path.relative(baseDir, sibling), 'time-series', where);
      return target;
    });
    const dataset = (r.dataset ?? r.domain) as string;
    const record: ReferenceRecord = {
      problem: withImagePlaceholders((r.problem ?? r.prompt) as string, images.length),
      answer: Array.isArray(r.answer) ? r.answer.join(', ') : r.answer,
      images,
      ...(r.videos ? { videos: r.videos.map((p) => copy(p, 'videos', where)) } : {}),
      'time-series': timeSeries,
      dataset,
      ...(r.bbox ? { bbox: r.bbox } : {}),
      ...(r.segmentation_path ? { segmentation_path: copy(r.segmentation_path, 'masks', where) } : {}),
    };
    (r.split === 'test' || r.split === 'val' ? val : train).push(record);
    domains[dataset] = (domains[dataset] ?? 0) + 1;
  });
  if (train.length + val.length === 0) throw new ExportJobError(`${source}: no records`);

  // The trainer needs a training file; a test-only lab becomes the training file of a smoke run.
  const trainRecords = train.length > 0 ? train : val;
  const valRecords = train.length > 0 && val.length > 0 ? val : null;
  const trainFile = path.join(out, 'train.jsonl');
  const valFile = valRecords ? path.join(out, 'val.jsonl') : null;
  writeFileSync(trainFile, jsonLines(trainRecords));
  if (valFile && valRecords) writeFileSync(valFile, jsonLines(valRecords));
  const jobFile = path.join(out, 'job.yaml');
  writeFileSync(jobFile, referenceJobYaml({ trainFile: 'train.jsonl', valFile: valFile ? 'val.jsonl' : 'train.jsonl', modelPath: o.modelPath ?? 'Qwen/Qwen2.5-VL-7B-Instruct', records: train.length + val.length }));
  return { trainFile, valFile, jobFile, records: train.length + val.length, files: copied.size, domains };
}

/** Exactly one `<image>` per image: kept when the problem already has the right count, else placed in front. */
export function withImagePlaceholders(problem: string, images: number): string {
  const present = problem.split('<image>').length - 1;
  if (present === images) return problem;
  const bare = problem.replaceAll('<image>', '').replace(/^\s*\n/, '');
  return images === 0 ? bare : `${'<image>'.repeat(images)}\n${bare}`;
}

function wfdbSiblings(header: string): string[] {
  const dir = path.dirname(header);
  const stem = path.basename(header, '.hea');
  return readdirSync(dir)
    .filter((f) => f !== `${stem}.hea` && path.parse(f).name === stem)
    .map((f) => path.join(dir, f));
}

const jsonLines = (records: readonly object[]): string => records.map((r) => `${JSON.stringify(r)}\n`).join('');

/**
 * The reference trainer's job config (its YAML layout: data / algorithm / worker / trainer). Values
 * are the QoQ-Med medical-run settings; cluster-specific ones (GPU count, paths) are marked to edit.
 */
export function referenceJobYaml(args: { trainFile: string; valFile: string; modelPath: string; records: number }): string {
  const R = REFERENCE_RUN;
  return `# Job for the QoQ-Med reference trainer (verl / EasyR1), written by \`qoq export-job\`.
# ${args.records} records. Run from this folder (record paths are relative to it), e.g.
#   python3 -m verl.trainer.main config=job.yaml
# Settings follow the QoQ-Med medical runs: DRPO, G=${R.G}, temperature ${R.temperature}, lr ${R.lr} AdamW,
# KL ${R.klPenalty} ${R.klCoef}, prompts/responses up to ${R.maxPromptLength} tokens, up to ${R.limitImages} images.
data:
  train_files: ${args.trainFile}
  val_files: ${args.valFile}
  prompt_key: problem
  answer_key: answer
  image_key: images
  max_prompt_length: ${R.maxPromptLength}
  max_response_length: ${R.maxResponseLength}
  rollout_batch_size: ${R.rolloutBatchSize}
  shuffle: true
  seed: 1

algorithm:
  adv_estimator: ${R.advEstimator}
  disable_kl: false
  use_kl_loss: true
  kl_penalty: ${R.klPenalty}
  kl_coef: ${sci(R.klCoef)}

worker:
  actor:
    max_grad_norm: ${R.maxGradNorm.toFixed(1)}
    model:
      model_path: ${args.modelPath}  # edit: the base model (QoQ-Med starts from Qwen2.5-VL-7B-Instruct)
      freeze_vision_tower: false
    optim:
      lr: ${sci(R.lr)}
      weight_decay: ${sci(R.weightDecay)}
      strategy: adamw
  rollout:
    n: ${R.G}
    temperature: ${R.temperature.toFixed(1)}
    limit_images: ${R.limitImages}
  reward:
    reward_type: function
    reward_function: ./examples/reward_function/medical.py:medical_compute_score  # the reference reward (notes §3)

trainer:
  project_name: qoq_med
  experiment_name: qoq_export_drpo
  n_gpus_per_node: 8  # edit for the cluster
  nnodes: 1
  save_checkpoint_path: null
`;
}

/** 1e-6 → "1.0e-6": a dot and a signed exponent, the form YAML 1.1 loaders (PyYAML) read as a float. */
function sci(x: number): string {
  const [mantissa = '0', exponent = '0'] = x.toExponential().split('e');
  const e = Number(exponent);
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}e${e < 0 ? '-' : '+'}${Math.abs(e)}`;
}
