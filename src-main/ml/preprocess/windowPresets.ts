/** A VOI window in modality units (Hounsfield units for CT). */
export interface VoiWindow {
  center: number;
  width: number;
}

/**
 * Named CT windows (centre/width in HU). The first five are the usual radiology reading presets;
 * `ct-qoq-prep` is the W700/L80 window the QoQ-Med reference data preparation applied to CT volumes
 * (notes §7), so slices windowed with it look like the training data.
 */
export const WINDOW_PRESETS = {
  'ct-brain': { center: 40, width: 80 },
  'ct-lung': { center: -600, width: 1500 },
  'ct-bone': { center: 400, width: 1800 },
  'ct-soft-tissue': { center: 40, width: 400 },
  'ct-abdomen': { center: 60, width: 400 },
  'ct-qoq-prep': { center: 80, width: 700 },
} as const satisfies Record<string, VoiWindow>;

export type WindowPreset = keyof typeof WINDOW_PRESETS;
