// Window/level presets. CT values are in Hounsfield units (width/centre as radiologists quote them);
// "auto" has no numbers: it restores the image's own window (its DICOM VOI, else its pixel range), which
// is the only sensible default for MR, whose intensities have no absolute scale.

export interface WindowLevel {
  /** Window width. */
  width: number;
  /** Window centre (level). */
  center: number;
}

export interface WindowPreset {
  key: string;
  label: string;
  /** Absent for "auto". */
  window?: WindowLevel;
  /** Modalities the preset is offered for. */
  modalities: readonly string[];
}

export const WINDOW_PRESETS: readonly WindowPreset[] = [
  { key: 'brain', label: 'Brain', window: { width: 80, center: 40 }, modalities: ['CT'] },
  { key: 'lung', label: 'Lung', window: { width: 1500, center: -600 }, modalities: ['CT'] },
  { key: 'bone', label: 'Bone', window: { width: 1800, center: 400 }, modalities: ['CT'] },
  { key: 'soft-tissue', label: 'Soft tissue', window: { width: 400, center: 40 }, modalities: ['CT'] },
  { key: 'abdomen', label: 'Abdomen', window: { width: 400, center: 60 }, modalities: ['CT'] },
  { key: 'auto', label: 'Auto', modalities: ['*'] },
];

/** Presets for a modality, in the order of WINDOW_PRESETS (keyboard 1…n follow this order). */
export function presetsFor(modality: string): WindowPreset[] {
  return WINDOW_PRESETS.filter((p) => p.modalities.includes('*') || p.modalities.includes(modality.toUpperCase()));
}
