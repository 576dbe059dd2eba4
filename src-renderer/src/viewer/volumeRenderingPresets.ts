// The 3D view's transfer-function presets per modality: cornerstone's VIEWPORT_PRESETS by their exact
// names, plus "Auto", whose ramp is placed on the volume's own intensities (mrTransferFunction.ts).

export interface RenderingPreset {
  /** Cornerstone's preset name, or AUTO_RENDERING_PRESET. */
  key: string;
  label: string;
  title: string;
  /** The VIEWPORT_PRESETS entry set on the viewport (for Auto: the one whose colours it keeps). */
  cornerstonePreset: string;
  /** Auto: the opacity/colour ramp is moved onto this volume's intensities after the preset is set. */
  placeOnData: boolean;
}

export const AUTO_RENDERING_PRESET = 'auto';

const fixed = (name: string, what: string): RenderingPreset => ({ key: name, label: name, title: what, cornerstonePreset: name, placeOnData: false });

// CT values are Hounsfield units, so cornerstone's fixed ramps fit every CT. The first is the default.
const CT_PRESETS: readonly RenderingPreset[] = [
  fixed('CT-Bone', 'Bone opaque, soft tissue transparent'),
  fixed('CT-Soft-Tissue', 'Soft tissue and bone opaque'),
  fixed('CT-Muscle', 'Muscle and bone'),
  fixed('CT-Lung', 'Lung parenchyma (−600…−400 HU)'),
  fixed('CT-Cardiac', 'Contrast-filled heart and vessels'),
  fixed('CT-MIP', 'Everything above −640 HU, white'),
];

// MR has no absolute scale: Auto (the default) fits any volume; the fixed ones assume values of roughly
// 0–1000 (a typical DICOM MR) and may show a block on a volume stored with a larger range.
const MR_PRESETS: readonly RenderingPreset[] = [
  {
    key: AUTO_RENDERING_PRESET,
    label: 'Auto',
    title: "Ramp placed on this volume's intensities (background transparent)",
    cornerstonePreset: 'MR-Default',
    placeOnData: true,
  },
  fixed('MR-Default', 'Fixed ramp over 20…1024'),
  fixed('MR-MIP', 'Fixed ramp, opaque from about 400'),
  fixed('MR-Angio', 'Bright vessels (fixed ramp about 150…200)'),
  fixed('MR-T2-Brain', 'Fixed ramp, opaque from about 400'),
];

/** The presets offered for a modality, the default first. CT gets CT's; anything else (MR, NIfTI) MR's. */
export function renderingPresetsFor(modality: string): readonly RenderingPreset[] {
  return modality.trim().toUpperCase() === 'CT' ? CT_PRESETS : MR_PRESETS;
}

/** The preset the 3D view opens with. */
export function defaultRenderingPreset(modality: string): RenderingPreset {
  return renderingPresetsFor(modality)[0]!;
}

/** The preset with this key among the modality's; a key not offered for it is an error. */
export function renderingPreset(modality: string, key: string): RenderingPreset {
  const found = renderingPresetsFor(modality).find((p) => p.key === key);
  if (!found) throw new Error(`3D preset "${key}" is not offered for modality ${modality}`);
  return found;
}
