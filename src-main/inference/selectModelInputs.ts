import type { Instance, Series, StudyDetail } from '../contract/schemas';
import { selectSlices, type SliceSelection } from '../ml/preprocess/selectSlices';
import type { ModelInputRef } from './modelInputRef';

export interface InputSelectionOptions {
  /** The model package's limit on images per sample. */
  maxImages: number;
  slices: SliceSelection;
  /** Restrict to these series (ids); all series when absent. */
  seriesIds?: number[];
}

const VOLUME_MODALITIES = new Set(['CT', 'MR', 'PT', 'NM']);

/**
 * Picks the model's inputs from a study, in series order: for a CT/MR series (or a multi-frame object) a
 * few slices as separate images, as the reference pipeline does for 3D; one image per 2D series or photo;
 * NIfTI volumes by slice; and at most one ECG (the model has a single time-series slot). Objects whose
 * pixels could not be decoded at import are skipped. Images beyond the model's limit are dropped.
 */
export function selectModelInputs(study: StudyDetail, opts: InputSelectionOptions): ModelInputRef[] {
  const images: ModelInputRef[] = [];
  let ecg: ModelInputRef | undefined;
  const series = opts.seriesIds ? study.series.filter((s) => opts.seriesIds!.includes(s.id)) : study.series;
  for (const s of series) {
    images.push(...seriesImages(s, opts.slices));
    for (const v of s.volumes) {
      if (v.isLabelMap) continue;
      const depth = v.dims[2] ?? 1;
      for (const z of selectSlices(depth, opts.slices)) images.push({ kind: 'nifti', path: v.path, slice: z, ref: `volume:${v.id}#${z}` });
    }
    for (const img of s.images) if (img.pixelState === 'ok') images.push({ kind: 'photo', path: img.path, ref: `image:${img.id}` });
    const w = s.waveforms[0];
    if (!ecg && w) ecg = { kind: 'ecg', path: w.path, format: w.format, ref: `waveform:${w.id}` };
  }
  return [...images.slice(0, opts.maxImages), ...(ecg ? [ecg] : [])];
}

function seriesImages(s: Series, slices: SliceSelection): ModelInputRef[] {
  const usable = s.instances.filter((i) => i.objectType === 'image' && i.pixelState === 'ok');
  if (usable.length === 0) return [];
  const dicom = (i: Instance, frame: number): ModelInputRef => ({ kind: 'dicom', path: i.path, frame, ref: `${i.sopInstanceUid}#${frame}`, modality: s.modality });
  if (usable.length >= 3 && VOLUME_MODALITIES.has(s.modality)) {
    const ordered = [...usable].sort(bySlicePosition);
    return selectSlices(ordered.length, slices).map((k) => dicom(ordered[k]!, 0));
  }
  const first = usable[0]!;
  const frames = first.frames ?? 1;
  if (frames > 1) return selectSlices(frames, slices).map((f) => dicom(first, f));
  return [dicom(first, 0)];
}

/** Along the slice normal when orientation and position are known, else by instance number. */
function bySlicePosition(a: Instance, b: Instance): number {
  const pa = slicePosition(a);
  const pb = slicePosition(b);
  if (pa !== undefined && pb !== undefined) return pa - pb;
  return (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0);
}

function slicePosition(i: Instance): number | undefined {
  if (!i.imagePosition || !i.imageOrientation) return undefined;
  const [r0, r1, r2, c0, c1, c2] = i.imageOrientation;
  const normal = [r1 * c2 - r2 * c1, r2 * c0 - r0 * c2, r0 * c1 - r1 * c0];
  return i.imagePosition[0] * normal[0]! + i.imagePosition[1] * normal[1]! + i.imagePosition[2] * normal[2]!;
}
