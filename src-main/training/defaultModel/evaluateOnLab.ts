/**
 * Held-out evaluation of a model package on lab studies through the inference path of `qoq analyze`
 * (runModel on the analysis request, greedy as the package's generation settings say), scored with the
 * project's reward parts: format score, label-set F1 of the \boxed{} answer, and IoU of the predicted
 * boxes against the ground-truth lesion box — only on studies that have one — mapped onto the grid the
 * model answered in. Chance F1 is the exact expectation of naming one label of the domain's vocabulary
 * uniformly at random.
 */
import { LAB_DOMAINS, type LabDomain } from '../../lab/index';
import { mapBoxToResized } from '../../ml/protocol/mapBoxToOriginal';
import type { BBox } from '../../ml/protocol/types';
import { computeReward, f1Score } from '../../ml/rewards/index';
import { runModel, type ImageInfo, type LoadedModel } from '../../ml/runtime/index.js';
import type { LabRecord } from '../../lab/index';
import type { LabStudyRequest } from './labStudyRequests.js';
import { gridsOf } from './labTargetResponse.js';
import { wilsonInterval } from './wilsonInterval.js';

export interface DomainScores {
  readonly n: number;
  readonly format: number;
  readonly f1: number;
  readonly chanceF1: number;
  /** Wilson 95 % interval of `f1` over the n studies (wilsonInterval): how far the split's size lets it be trusted. */
  readonly f1Interval: readonly [number, number];
  /** Mean IoU over studies with a ground-truth lesion box; null when the domain has none (ECG). */
  readonly iou: number | null;
  readonly withBox: number;
}

export interface LabEvaluation {
  readonly domains: Readonly<Record<string, DomainScores>>;
  /** Unweighted means over domains (the test split is balanced, so this is also the per-study mean). */
  readonly macro: { readonly format: number; readonly f1: number; readonly chanceF1: number; readonly iou: number };
  readonly samples: readonly { readonly id: string; readonly answer: string; readonly output: string }[];
}

/** One study's scores (iou null when it has no ground-truth lesion box). */
export interface LabScoreRow {
  readonly domain: string;
  readonly format: number;
  readonly f1: number;
  readonly chanceF1: number;
  readonly iou: number | null;
}

export async function evaluateOnLab(model: LoadedModel, studies: readonly LabStudyRequest[], onStudy?: (done: number, total: number) => void): Promise<LabEvaluation> {
  const rows: LabScoreRow[] = [];
  const samples: { id: string; answer: string; output: string }[] = [];
  for (const [i, { record, request }] of studies.entries()) {
    const result = await runModel(model, request, { seed: 0, temperature: 0 });
    rows.push(scoreLabAnswer(record, result.text, result.images));
    if (!samples.some((s) => s.id.split('_')[0] === record.dataset)) samples.push({ id: record.id, answer: record.answer, output: result.text });
    onStudy?.(i + 1, studies.length);
  }
  return summariseLab(rows, samples);
}

/** The ground-truth lesion box on the grid the model answered in (its first image), if the study has one. */
export function labAnswerBox(record: LabRecord, images: readonly Pick<ImageInfo, 'resize'>[]): BBox | undefined {
  const primary = images[0]?.resize;
  return record.bbox && primary ? mapBoxToResized(record.bbox, gridsOf(primary)) : undefined;
}

/** Scores one model output for one lab study (`images`: the prompt's, for the box grid). */
export function scoreLabAnswer(record: LabRecord, text: string, images: readonly Pick<ImageInfo, 'resize'>[]): LabScoreRow {
  const box = labAnswerBox(record, images);
  const score = computeReward(text, { answer: record.labels, ...(box ? { box } : {}) });
  const vocabulary = LAB_DOMAINS[record.dataset as LabDomain]?.labels ?? record.labels;
  const chanceF1 = vocabulary.reduce((s, label) => s + f1Score([label], record.labels), 0) / vocabulary.length;
  return { domain: record.dataset, format: score.format, f1: score.f1, chanceF1, iou: box ? score.iou : null };
}

/** Per-domain and macro means of scored studies. */
export function summariseLab(rows: readonly LabScoreRow[], samples: LabEvaluation['samples']): LabEvaluation {
  const domains: Record<string, DomainScores> = {};
  for (const domain of new Set(rows.map((r) => r.domain))) domains[domain] = summarise(rows.filter((r) => r.domain === domain));
  const all = Object.values(domains);
  const mean = (pick: (d: DomainScores) => number | null): number => {
    const values = all.map(pick).filter((v): v is number => v !== null);
    return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  };
  return { domains, macro: { format: mean((d) => d.format), f1: mean((d) => d.f1), chanceF1: mean((d) => d.chanceF1), iou: mean((d) => d.iou) }, samples };
}

function summarise(rows: readonly LabScoreRow[]): DomainScores {
  const mean = (values: readonly number[]): number => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  const boxed = rows.flatMap((r) => (r.iou === null ? [] : [r.iou]));
  const f1 = mean(rows.map((r) => r.f1));
  return {
    n: rows.length,
    format: mean(rows.map((r) => r.format)),
    f1,
    f1Interval: wilsonInterval(f1, rows.length),
    chanceF1: mean(rows.map((r) => r.chanceF1)),
    iou: boxed.length === 0 ? null : mean(boxed),
    withBox: boxed.length,
  };
}
