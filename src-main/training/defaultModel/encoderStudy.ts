import { LAB_DOMAINS, type LabDomain } from '../../lab/index';
import { preprocessItems, type LoadedModel } from '../../ml/runtime/index.js';
import type { EcgInput, VisionInput } from '../../ml/preprocess/index.js';
import type { LabStudyRequest } from './labStudyRequests.js';

/** One study as the encoders see it: its images or its ECG, and its labels within its domain. */
export interface EncoderStudy {
  readonly domain: string;
  /** Target distribution over the domain's labels (uniform over the true ones). */
  readonly target: readonly number[];
  readonly images: readonly VisionInput[];
  readonly ecg: EcgInput | null;
}

/**
 * A lab study as encoder pre-training reads it: the encoder inputs of its analysis request (the same
 * preprocessing `qoq analyze` applies, with the package's settings) and its labels as a distribution
 * over its domain's vocabulary.
 */
export function encoderStudyFrom(model: LoadedModel, { record, request }: LabStudyRequest): EncoderStudy {
  const domain = record.dataset as LabDomain;
  const vocabulary = LAB_DOMAINS[domain]?.labels;
  if (!vocabulary) throw new Error(`lab study ${record.id}: unknown domain '${record.dataset}'`);
  const hits = vocabulary.map((label) => (record.labels.includes(label) ? 1 : 0));
  const count = hits.reduce<number>((a, b) => a + b, 0);
  if (count === 0) throw new Error(`lab study ${record.id}: none of its labels (${record.labels.join(', ')}) is in the ${domain} vocabulary`);
  const pre = preprocessItems(model, request.items);
  return { domain, target: hits.map((h) => h / count), images: pre.images, ecg: pre.ecgs.find((e) => e !== null) ?? null };
}

/** Label count per lab domain: the pre-training heads' sizes. */
export const LAB_LABEL_COUNTS: Readonly<Record<string, number>> = Object.fromEntries(Object.entries(LAB_DOMAINS).map(([domain, entry]) => [domain, entry.labels.length]));
