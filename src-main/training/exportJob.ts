/**
 * `qoq export-job`: the curated dataset and a job config for the reference trainer (the verl/EasyR1-based
 * QoQ-Med trainer, Python: PIL for images, tensor files for time series) to fine-tune a 7B model on a GPU
 * cluster. Writes into `out`:
 *  - train.jsonl (and val.jsonl for test-split records): one record per line in the reference format
 *    (notes §9): problem with one `<image>` placeholder per image, answer, images, time-series, dataset,
 *    optional bbox [x_min, y_min, x_max, y_max] in original pixels, optional segmentation_path;
 *  - the files they name, in forms the trainer reads (exportFiles.ts): DICOM/NIfTI/TIFF → 8-bit PNG
 *    (volumes: one PNG per selected slice), PNG/JPEG kept, ECG → float32 (8, 2500) `.npy`, masks → PNG;
 *    ECG-only records get the reference data's blank 224×224 image; paths are relative to `out`, so
 *    the trainer is started from that folder;
 *  - job.yaml: the medical-run settings (reference §5) with DRPO selected (algorithm.adv_estimator: drpo).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LAB_MANIFEST_NAME } from '../lab/index';
import type { SliceSelection } from '../ml/preprocess/selectSlices';
import type { WindowPreset } from '../ml/preprocess/windowPresets';
import { DEFAULT_LIMITS, type ParseLimits } from '../parsing/types';
import { ExportFiles, ExportJobError } from './exportFiles';
import { describeZodIssue } from './jobConfig';
import { REFERENCE_RUN, referenceJobYaml } from './referenceJobYaml';

export { ExportJobError } from './exportFiles';
export { REFERENCE_RUN, referenceJobYaml } from './referenceJobYaml';

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

/**
 * Slices of a volume fed as images: the reference's first and last (notes §7). The workstation's own
 * inference default (evenly spaced 4) is a model-package setting; pass it here to export the same.
 */
export const EXPORT_SLICES: SliceSelection = { strategy: 'first-last', count: 2 };

export interface ExportJobOptions {
  /** A phantom-lab folder (lab-manifest.jsonl), or… */
  readonly lab?: string;
  /** …a JSON-lines file in the reference format (paths relative to the file's folder). */
  readonly data?: string;
  readonly out: string;
  /** Base model the job fine-tunes. */
  readonly modelPath?: string;
  readonly slices?: SliceSelection;
  /** CT window (default: the reference data prep's W700/L80). */
  readonly ctPreset?: WindowPreset;
  readonly limits?: ParseLimits;
  /**
   * Give records with a time series but no image the reference data's blank 224×224 image (and its
   * `<image>`), as QoQ-Med's ECG samples have (notes §6). Default true.
   */
  readonly blankImageForTimeSeriesOnly?: boolean;
}

export interface ExportJobSummary {
  readonly trainFile: string;
  readonly valFile: string | null;
  readonly jobFile: string;
  readonly records: number;
  /** Files written into the export (copied and converted). */
  readonly files: number;
  /** Converted files: PNG images (a volume counts one per slice), `.npy` tensors, PNG masks. */
  readonly converted: { readonly images: number; readonly tensors: number; readonly masks: number };
  readonly domains: Readonly<Record<string, number>>;
  /** Things the trainer should know (an ECG without some leads, …), each naming its record. */
  readonly warnings: readonly string[];
}

export async function exportJob(o: ExportJobOptions): Promise<ExportJobSummary> {
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
  const files = new ExportFiles(baseDir, out, { slices: o.slices ?? EXPORT_SLICES, ctPreset: o.ctPreset ?? 'ct-qoq-prep', limits: o.limits ?? DEFAULT_LIMITS });

  const train: ReferenceRecord[] = [];
  const val: ReferenceRecord[] = [];
  const domains: Record<string, number> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
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
    const perSource: string[][] = [];
    for (const p of r.images) perSource.push(await files.image(p, where));
    const timeSeries: string[] = [];
    for (const p of r['time-series']) timeSeries.push(await files.timeSeries(p, where));
    const videos: string[] = [];
    for (const p of r.videos ?? []) videos.push(await files.video(p, where));
    const dataset = (r.dataset ?? r.domain) as string;
    let problem = expandImagePlaceholders((r.problem ?? r.prompt) as string, perSource.map((s) => s.length));
    if (perSource.length === 0 && timeSeries.length > 0 && (o.blankImageForTimeSeriesOnly ?? true)) {
      perSource.push([files.blankImage()]);
      problem = withImagePlaceholders(problem, 1);
    }
    const imageCount = perSource.reduce((n, s) => n + s.length, 0);
    if (imageCount > REFERENCE_RUN.limitImages) {
      files.warnings.push(`${where}: ${imageCount} images, more than the job's limit_images ${REFERENCE_RUN.limitImages}; raise it in job.yaml or export fewer slices`);
    }
    const record: ReferenceRecord = {
      problem,
      answer: Array.isArray(r.answer) ? r.answer.join(', ') : r.answer,
      images: perSource.flat(),
      ...(r.videos ? { videos } : {}),
      'time-series': timeSeries,
      dataset,
      ...(r.bbox ? { bbox: r.bbox } : {}),
      ...(r.segmentation_path ? { segmentation_path: await files.mask(r.segmentation_path, where) } : {}),
    };
    (r.split === 'test' || r.split === 'val' ? val : train).push(record);
    domains[dataset] = (domains[dataset] ?? 0) + 1;
  }
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
  const { images, tensors, masks } = files.counts;
  return { trainFile, valFile, jobFile, records: train.length + val.length, files: files.fileCount, converted: { images, tensors, masks }, domains, warnings: files.warnings };
}

/** Exactly one `<image>` per image: kept when the problem already has the right count, else placed in front. */
export function withImagePlaceholders(problem: string, images: number): string {
  const present = problem.split('<image>').length - 1;
  if (present === images) return problem;
  const bare = problem.replaceAll('<image>', '').replace(/^\s*\n/, '');
  return images === 0 ? bare : `${'<image>'.repeat(images)}\n${bare}`;
}

/**
 * Placeholders after each source image became `counts[k]` images (a volume becomes its slices): when the
 * problem has one `<image>` per source image, the k-th is repeated counts[k] times in place, so text
 * between images stays where the author put it; otherwise all of them go in front.
 */
export function expandImagePlaceholders(problem: string, counts: readonly number[]): string {
  const parts = problem.split('<image>');
  const total = counts.reduce((a, b) => a + b, 0);
  if (parts.length - 1 !== counts.length) return withImagePlaceholders(problem, total);
  return parts.map((part, k) => (k < counts.length ? part + '<image>'.repeat(counts[k] as number) : part)).join('');
}

const jsonLines = (records: readonly object[]): string => records.map((r) => `${JSON.stringify(r)}\n`).join('');
