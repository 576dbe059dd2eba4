import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LAB_DOMAINS, type LabDomain, type LabRecord } from '../../lab/index';
import { decodePhoto } from '../../parsing/photo/decodePhoto';
import { DEFAULT_LIMITS } from '../../parsing/types';
import type { DetectorSpec } from './detectorRows.js';
import type { EncoderStudy } from './encoderStudy.js';
import type { LabStudyRequest } from './labStudyRequests.js';

/** Lesion pixels a token's area must hold to count as showing the lesion: the lab's smallest lesion slice. */
export const MIN_LESION_PIXELS = 4;

/** A binary mask, row-major, 1 = lesion. */
export interface BinaryMask {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * Marks each LLM token of an image whose area holds at least `minPixels` lesion pixels of `mask` with
 * `row`, every other token with −1. Tokens follow the vision encoder's output order: merge windows in
 * raster order over the (gh/merge) × (gw/merge) grid (patchify), and each covers the same fraction of
 * the original image, since smart_resize scales the whole image (no crop). Without a mask, no token is
 * marked.
 */
export function lesionTokenMarks(mask: BinaryMask | null, gridThw: readonly number[], merge: number, row: number, minPixels: number): Int32Array {
  const [t, gh, gw] = gridThw as [number, number, number];
  if (gh % merge !== 0 || gw % merge !== 0) throw new Error(`lesionTokenMarks: grid ${gh} × ${gw} is not a multiple of the merge size ${merge}`);
  const rows = gh / merge;
  const columns = gw / merge;
  const marks = new Int32Array(t * rows * columns).fill(-1);
  if (!mask) return marks;
  for (let i = 0; i < rows; i++) {
    const y0 = Math.floor((i * mask.height) / rows);
    const y1 = Math.floor(((i + 1) * mask.height) / rows);
    for (let j = 0; j < columns; j++) {
      const x0 = Math.floor((j * mask.width) / columns);
      const x1 = Math.floor(((j + 1) * mask.width) / columns);
      let count = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) count += mask.data[y * mask.width + x] as number;
      if (count >= minPixels) for (let f = 0; f < t; f++) marks[(f * rows + i) * columns + j] = row;
    }
  }
  return marks;
}

/**
 * The lab's ground-truth mask of one of a study's image files, found through the study's own record (its
 * key image's segmentation_path and, for volumes, each lesion slice's), or null when the lab declares
 * none for that file: an image without a lesion.
 */
export function labImageMask(labDir: string, record: LabRecord, sourceName: string): BinaryMask | null {
  const declared = [
    ...(record.segmentation_path ? record.images.map((image) => ({ image, mask: record.segmentation_path })) : []),
    ...(record.slices ?? []).map((s) => ({ image: s.image, mask: s.segmentation_path })),
  ];
  const mask = declared.find((d) => path.basename(d.image) === sourceName)?.mask;
  if (!mask) return null;
  const { header, rgba } = decodePhoto(readFileSync(path.join(labDir, mask)), DEFAULT_LIMITS);
  const data = new Uint8Array(header.width * header.height);
  for (let i = 0; i < data.length; i++) data[i] = (rgba[i * 4] as number) > 127 ? 1 : 0;
  return { width: header.width, height: header.height, data };
}

/**
 * Token marks of every image of a lab study (see lesionTokenMarks): a study with one lesion label marks
 * the tokens showing it with that label's index in its domain's vocabulary; a normal study marks none.
 */
export function studyLesionMarks(labDir: string, item: LabStudyRequest, study: EncoderStudy, merge: number): Int32Array[] {
  const labels = study.target.flatMap((p, i) => (p > 0 ? [i] : []));
  const lesion = labels.length === 1 && LAB_DOMAINS[study.domain as LabDomain].labels[labels[0]!] !== 'normal' ? labels[0]! : -1;
  return study.images.map((image, k) =>
    lesionTokenMarks(lesion >= 0 ? labImageMask(labDir, item.record, item.imageSources[k]!) : null, image.gridThw, merge, lesion, MIN_LESION_PIXELS),
  );
}

/** One detector per lesion label of every image domain of the lab (ECG has no masks; 'normal' is no lesion). */
export function labLesionDetectors(): DetectorSpec[] {
  return Object.entries(LAB_DOMAINS).flatMap(([domain, entry]) => (domain === 'ecg' ? [] : entry.labels.flatMap((label, index) => (label === 'normal' ? [] : [{ domain, label: index }]))));
}
