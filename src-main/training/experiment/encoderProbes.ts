/**
 * What qoq-med-nano's frozen, seeded vision encoder carries of each domain's findings, measured without
 * the decoder: held-out study-level accuracy of linear read-outs of the final layer's input (the features
 * the recipe's probe rows are fitted on). The decoder cannot read what no read-out finds, so this is the
 * quick check (minutes, not a 10-minute model build) for a change to the encoders or their inputs.
 *
 * Read-outs, each fitted on the training split and scored on the held-out split:
 *  - probe (DiscriminantFit): the study's mean feature → per-domain label scores; the argmax of the
 *    domain's rows, each centred on its mean over the domain's training studies, is the answer. Variants:
 *    'joint' rows over image entries (the 1.x recipe), 'joint' over whole-study entries, 'per-domain'.
 *  - token detectors (DetectorFit on the lab's masks): per lesion label, the maximum over the study's
 *    tokens; the nearest class centroid (training studies, normal included) is the answer.
 * Also: the share of CT/MRI lesion studies whose selected slices show the lesion at all.
 */
import { LAB_DOMAINS, type LabDomain } from '../../lab/index';
import type { LoadedModel } from '../../ml/runtime/index.js';
import { DetectorFit } from '../defaultModel/detectorRows.js';
import { DiscriminantFit, type DiscriminantOptions, type DiscriminantRow } from '../defaultModel/discriminantRows.js';
import { encoderStudyFrom, LAB_LABEL_COUNTS } from '../defaultModel/encoderStudy.js';
import { forEachLabRequest } from '../defaultModel/labStudyRequests.js';
import { labLesionDetectors, studyLesionMarks } from '../defaultModel/lesionTokenMarks.js';
import type { OutputLayerInputs } from '../defaultModel/outputLayerInputs.js';

/** One image study's final-layer inputs, per image, with each token's lesion mark (label index or −1). */
export interface ProbeStudy {
  readonly domain: string;
  readonly target: readonly number[];
  readonly images: readonly Float32Array[];
  readonly marks: readonly Int32Array[];
}

/** Encodes every image study of a lab split (ECG studies are skipped: this measures the vision encoder). */
export async function collectProbeStudies(labDir: string, storeDir: string, model: LoadedModel, inputs: OutputLayerInputs, merge: number): Promise<ProbeStudy[]> {
  const out: ProbeStudy[] = [];
  await forEachLabRequest(labDir, storeDir, model.manifest.preprocessing, async (item) => {
    const study = encoderStudyFrom(model, item);
    if (study.images.length === 0) return;
    const images = await inputs.encodeImages(study);
    const marks = studyLesionMarks(labDir, item, study, merge);
    out.push({ domain: study.domain, target: study.target, images, marks });
  });
  return out;
}

export type ProbeVariant = 'joint-image' | 'joint-study' | 'per-domain';
export const PROBE_VARIANTS: readonly ProbeVariant[] = ['joint-image', 'joint-study', 'per-domain'];

export interface ProbeReport {
  /** Held-out accuracy per domain and read-out (probe variants and 'detectors'). */
  readonly accuracy: Readonly<Record<string, Readonly<Record<ProbeVariant | 'detectors', number>>>>;
  /** Held-out lesion studies of each domain, and how many show their lesion on a selected image. */
  readonly lesionShown: Readonly<Record<string, { readonly shown: number; readonly of: number }>>;
}

const PROBE_OPTIONS: Record<ProbeVariant, DiscriminantOptions> = {
  'joint-image': { ridge: 0.5, spread: 1 },
  'joint-study': { ridge: 0.5, spread: 1 },
  'per-domain': { ridge: 0.5, spread: 1, scope: 'per-domain', quiet: 0 },
};
const DETECTOR_RIDGE = 0.01;

export function probeReport(train: readonly ProbeStudy[], test: readonly ProbeStudy[], width: number): ProbeReport {
  const domains = [...new Set(test.map((s) => s.domain))];
  const accuracy: Record<string, Record<string, number>> = Object.fromEntries(domains.map((d) => [d, {}]));
  const { ecg: _ecg, ...visionLabels } = LAB_LABEL_COUNTS;
  for (const variant of PROBE_VARIANTS) {
    const fit = new DiscriminantFit(width, visionLabels);
    for (const s of train) {
      if (variant === 'joint-image') for (const tokens of s.images) fit.add(tokens, s.domain, s.target);
      else fit.add(concatenateTokens(s.images), s.domain, s.target);
    }
    const rows = fit.fit(PROBE_OPTIONS[variant]);
    for (const d of domains) accuracy[d]![variant] = probeAccuracy(rows.filter((r) => r.domain === d), train.filter((s) => s.domain === d), test.filter((s) => s.domain === d), width);
  }
  const detectors = labLesionDetectors();
  const detectorFit = new DetectorFit(width, detectors);
  for (const s of train) s.images.forEach((tokens, k) => detectorFit.add(tokens, Array.from(s.marks[k]!, (m) => (m < 0 ? -1 : detectorFit.rowOf(s.domain, m)))));
  const detectorRows = detectorFit.fit({ ridge: DETECTOR_RIDGE, spread: 1 });
  for (const d of domains) accuracy[d]!.detectors = detectorAccuracy(detectorRows.filter((r) => r.domain === d), train.filter((s) => s.domain === d), test.filter((s) => s.domain === d), width);
  const lesionShown = Object.fromEntries(
    domains.map((d) => {
      const lesions = test.filter((s) => s.domain === d && labelOf(s) !== 'normal');
      return [d, { shown: lesions.filter((s) => s.marks.some((m) => m.some((v) => v >= 0))).length, of: lesions.length }];
    }),
  );
  return { accuracy: accuracy as ProbeReport['accuracy'], lesionShown };
}

function labelOf(s: ProbeStudy): string {
  return LAB_DOMAINS[s.domain as LabDomain].labels[s.target.indexOf(Math.max(...s.target))]!;
}

const rowValue = (row: DiscriminantRow, x: ArrayLike<number>, offset: number, width: number): number => {
  let v = row.bias;
  for (let k = 0; k < width; k++) v += (row.weight[k] as number) * (x[offset + k] as number);
  return v;
};

/** Mean over all of a study's tokens of each row (a linear row's value at the study's mean feature). */
function studyScores(rows: readonly DiscriminantRow[], s: ProbeStudy, width: number): number[] {
  return rows.map((row) => {
    let sum = 0;
    let count = 0;
    for (const tokens of s.images)
      for (let t = 0; t < tokens.length / width; t++, count++) sum += rowValue(row, tokens, t * width, width);
    return sum / count;
  });
}

function probeAccuracy(rows: readonly DiscriminantRow[], train: readonly ProbeStudy[], test: readonly ProbeStudy[], width: number): number {
  const trainScores = train.map((s) => studyScores(rows, s, width));
  const centre = rows.map((_, j) => trainScores.reduce((a, v) => a + v[j]!, 0) / Math.max(1, train.length));
  const correct = test.filter((s) => {
    const scores = studyScores(rows, s, width).map((v, j) => v - centre[j]!);
    return (s.target[scores.indexOf(Math.max(...scores))] as number) > 0;
  }).length;
  return correct / Math.max(1, test.length);
}

/** Max over the study's tokens of each detector row. */
function detectorFeatures(rows: readonly DiscriminantRow[], s: ProbeStudy, width: number): number[] {
  return rows.map((row) => {
    let best = -Infinity;
    for (const tokens of s.images) for (let t = 0; t < tokens.length / width; t++) best = Math.max(best, rowValue(row, tokens, t * width, width));
    return best;
  });
}

function detectorAccuracy(rows: readonly DiscriminantRow[], train: readonly ProbeStudy[], test: readonly ProbeStudy[], width: number): number {
  if (rows.length === 0 || train.length === 0) return Number.NaN;
  const labels = train[0]!.target.length;
  const centroids = Array.from({ length: labels }, (_, label) => {
    const members = train.filter((s) => s.target.indexOf(Math.max(...s.target)) === label).map((s) => detectorFeatures(rows, s, width));
    return rows.map((_, j) => members.reduce((a, f) => a + f[j]!, 0) / Math.max(1, members.length));
  });
  const correct = test.filter((s) => {
    const f = detectorFeatures(rows, s, width);
    const distance = centroids.map((c) => c.reduce((a, v, j) => a + (v - f[j]!) ** 2, 0));
    return (s.target[distance.indexOf(Math.min(...distance))] as number) > 0;
  }).length;
  return correct / Math.max(1, test.length);
}

/** A study's images' (tokens, width) arrays as one: a whole-study probe entry. */
function concatenateTokens(parts: readonly Float32Array[]): Float32Array {
  const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    all.set(p, offset);
    offset += p.length;
  }
  return all;
}
