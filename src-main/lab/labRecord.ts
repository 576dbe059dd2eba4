/**
 * One line of lab-manifest.jsonl: the reference trainer's record (problem with `<image>` placeholders,
 * answer, images, time-series, dataset, bbox, segmentation_path; notes §9) plus the lab's extras: the
 * labels as a list, every object with its box, the reasoning, a complete target response in the QoQ output
 * protocol, difficulty, measurements, the study's files and, for volumes, every lesion slice.
 */
import type { Box } from '../parsing/types';
import type { LabSplit, LabStudy } from './labTypes';
import type { WrittenImage, WrittenStudy } from './writeStudyFiles';

export interface LabRecord {
  id: string;
  split: LabSplit;
  dataset: string;
  problem: string;
  /** Ground-truth labels joined with ", " (the answer the F1 reward compares with). */
  answer: string;
  labels: string[];
  images: string[];
  'time-series': string[];
  /** Union of the key image's finding boxes, inclusive pixel bounds in original pixels. */
  bbox?: Box;
  segmentation_path?: string;
  objects: { label: string; bbox_2d: Box }[];
  reasoning: string;
  /** `<think>…</think>`, the objects as a fenced JSON list, `\boxed{answer}`; boxes in original pixels. */
  response: string;
  difficulty: number;
  measurements: Record<string, number>;
  files: string[];
  slices?: { image: string; bbox?: Box; segmentation_path?: string; objects: { label: string; bbox_2d: Box }[] }[];
}

function sliceEntry(im: WrittenImage): NonNullable<LabRecord['slices']>[number] {
  const e: NonNullable<LabRecord['slices']>[number] = { image: im.image, objects: im.objects };
  if (im.bbox) e.bbox = im.bbox;
  if (im.segmentationPath) e.segmentation_path = im.segmentationPath;
  return e;
}

export function buildLabRecord(args: { id: string; split: LabSplit; study: LabStudy; written: WrittenStudy; question: string; vocabulary: readonly string[] }): LabRecord {
  const { study, written } = args;
  const images = written.key ? [written.key.image] : [];
  const placeholders = images.map(() => '<image>').join('');
  const options = `Answer with one or more of: ${args.vocabulary.join(', ')}.`;
  const problem = `${placeholders}${placeholders ? '\n' : ''}${args.question} ${options}`;
  const answer = study.labels.join(', ');
  const objects = written.key?.objects ?? [];
  const response = `<think>${study.reasoning}</think>\n\`\`\`json\n${JSON.stringify(objects)}\n\`\`\`\n\\boxed{${answer}}`;
  const record: LabRecord = {
    id: args.id,
    split: args.split,
    dataset: study.domain,
    problem,
    answer,
    labels: study.labels,
    images,
    'time-series': written.timeSeries ? [written.timeSeries] : [],
    objects,
    reasoning: study.reasoning,
    response,
    difficulty: Math.round(study.difficulty * 1000) / 1000,
    measurements: study.measurements,
    files: written.files,
  };
  if (written.key?.bbox) record.bbox = written.key.bbox;
  if (written.key?.segmentationPath) record.segmentation_path = written.key.segmentationPath;
  if (written.lesionSlices) record.slices = written.lesionSlices.map(sliceEntry);
  return record;
}
