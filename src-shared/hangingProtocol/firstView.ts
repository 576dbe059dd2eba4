// Which series the reader opens first, and how: the hanging protocol's first step. Shared so the
// renderer (which lays the reader out from the full study) and the service's getFirstImage (which names
// the first slice before the full study reaches the renderer) cannot disagree.
import { displayableInstances, orderBySlicePosition, type SliceFields } from './sliceOrder';

/** Fewer slices give no usable sagittal/coronal image (and cornerstone needs ≥ 2 to derive spacing). */
export const MIN_VOLUME_SLICES = 3;

/** The fields of a contract Series this module reads. */
export interface ViewableSeries<I extends SliceFields = SliceFields> {
  id: number;
  instances: readonly I[];
  images: readonly { pixelState: string }[];
  volumes: readonly { dims: readonly number[] }[];
}

export function displayablePhotos<P extends { pixelState: string }>(images: readonly P[]): P[] {
  return images.filter((i) => i.pixelState === 'ok');
}

/** Whether the stack viewer has anything to show for this series (DICOM images or photos). */
export function hasStackImages(series: ViewableSeries): boolean {
  return displayableInstances(series.instances).length > 0 || displayablePhotos(series.images).length > 0;
}

/** A series of NIfTI volumes (no DICOM images) with a real third dimension: shown as MPR/3D only. */
export function isNiftiSeries(series: ViewableSeries): boolean {
  return displayableInstances(series.instances).length === 0 && (series.volumes[0]?.dims[2] ?? 0) >= MIN_VOLUME_SLICES;
}

/** Series the reader can show, in study order: DICOM images or photos (stack), NIfTI volumes (MPR). */
export function viewableSeries<S extends ViewableSeries>(series: readonly S[]): S[] {
  return series.filter((s) => hasStackImages(s) || isNiftiSeries(s));
}

export interface FirstView<I extends SliceFields> {
  seriesId: number;
  /** A stack (DICOM slices or photos) or a volume (a NIfTI series opens as MPR). */
  view: 'stack' | 'volume';
  /** The stack's first DICOM instance in display order; null for photos and volumes. */
  instance: I | null;
}

/** What the reader shows first for a study's series; null when nothing is viewable (e.g. ECG only). */
export function firstView<S extends ViewableSeries>(series: readonly S[]): FirstView<S['instances'][number]> | null {
  const first = viewableSeries(series)[0];
  if (!first) return null;
  if (isNiftiSeries(first)) return { seriesId: first.id, view: 'volume', instance: null };
  return { seriesId: first.id, view: 'stack', instance: orderBySlicePosition(displayableInstances(first.instances))[0] ?? null };
}
