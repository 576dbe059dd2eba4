/**
 * Training / evaluation records: JSON lines of {prompt, response?, answer, domain}. The reference
 * trainer's field names (problem, dataset; notes §9) are accepted too, so a phantom lab's
 * lab-manifest.jsonl can be trained on directly. Text only for now: `<image>` placeholders are dropped
 * and images / time series ignored; multimodal training arrives with the default model (its vision
 * and ECG encoders), not with the tiny decoder these jobs train.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { splitLabels } from '../ml/protocol/splitLabels';
import { describeZodIssue } from './jobConfig';

const Box = z.tuple([z.number(), z.number(), z.number(), z.number()]);

const RecordSchema = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    prompt: z.string().min(1).optional(),
    problem: z.string().min(1).optional(),
    response: z.string().optional(),
    answer: z.union([z.string(), z.array(z.string())]),
    domain: z.string().min(1).optional(),
    dataset: z.string().min(1).optional(),
    bbox: Box.optional(),
  })
  .refine((r) => r.prompt !== undefined || r.problem !== undefined, { message: 'needs a prompt (or problem)', path: ['prompt'] })
  .refine((r) => r.domain !== undefined || r.dataset !== undefined, { message: 'needs a domain (or dataset)', path: ['domain'] });

export interface TrainingRecord {
  readonly id: string;
  readonly prompt: string;
  readonly response?: string;
  /** Ground-truth labels, split like the reward splits the model's answer. */
  readonly answerLabels: readonly string[];
  readonly domain: string;
  readonly bbox?: readonly [number, number, number, number];
}

export class TrainingDataError extends Error {}

/** Parses JSON-lines text; errors name `source:line: field: problem`. Blank lines are skipped. */
export function parseTrainingData(text: string, source: string): TrainingRecord[] {
  const records: TrainingRecord[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      throw new TrainingDataError(`${source}:${i + 1}: not JSON: ${(err as Error).message}`);
    }
    const parsed = RecordSchema.safeParse(raw);
    if (!parsed.success) throw new TrainingDataError(`${source}:${i + 1}: ${describeZodIssue(parsed.error)}`);
    const r = parsed.data;
    const prompt = (r.prompt ?? r.problem ?? '').replaceAll('<image>', '').replaceAll('<video>', '').trim();
    if (prompt === '') throw new TrainingDataError(`${source}:${i + 1}: prompt: empty once <image> placeholders are removed`);
    records.push({
      id: r.id === undefined ? `line-${i + 1}` : String(r.id),
      prompt,
      ...(r.response !== undefined ? { response: r.response } : {}),
      answerLabels: typeof r.answer === 'string' ? splitLabels(r.answer) : r.answer,
      domain: (r.domain ?? r.dataset) as string,
      ...(r.bbox ? { bbox: r.bbox } : {}),
    });
  });
  if (records.length === 0) throw new TrainingDataError(`${source}: no records`);
  const ids = new Set<string>();
  for (const r of records) {
    if (ids.has(r.id)) throw new TrainingDataError(`${source}: duplicate record id '${r.id}'`);
    ids.add(r.id);
  }
  return records;
}

export function readTrainingData(file: string): TrainingRecord[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new TrainingDataError(`cannot read ${file}: ${(err as Error).message}`);
  }
  return parseTrainingData(text, file);
}
