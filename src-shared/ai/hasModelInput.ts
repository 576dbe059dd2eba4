/**
 * Whether a study holds anything the model reads: a DICOM image whose pixels decoded at import, a photo
 * that decoded, a NIfTI volume that is not a label map, or an ECG. Structured reports, segmentations and
 * presentation states are not model input. The same rule as the service's input selection
 * (src-main/inference/selectModelInputs.ts; a test holds the two together), so the reader learns it before
 * pressing "Run model", not from the error afterwards.
 */
/** What the rule reads of a series (the contract's Series has these fields, and more). */
export interface SeriesContents {
  instances: readonly { objectType: string; pixelState: string }[];
  volumes: readonly { isLabelMap: boolean }[];
  images: readonly { pixelState: string }[];
  waveforms: readonly unknown[];
}

export function hasModelInput(series: readonly SeriesContents[]): boolean {
  return series.some(
    (s) =>
      s.instances.some((i) => i.objectType === 'image' && i.pixelState === 'ok') ||
      s.volumes.some((v) => !v.isLabelMap) ||
      s.images.some((img) => img.pixelState === 'ok') ||
      s.waveforms.length > 0,
  );
}
