import { DEFAULT_SLICE_SELECTION, type SliceSelection } from './selectSlices';
import { WINDOW_PRESETS, type VoiWindow } from './windowPresets';

/** How a 3D series becomes model images: which slices, and the CT window they are shown in. */
export interface VolumeSettings {
  slices: SliceSelection;
  /** Window for CT slices; other modalities use the frame's min–max. */
  ctWindow: VoiWindow;
}

/** CT defaults to W700/L80, the window of the QoQ-Med data preparation, so inputs look like training data. */
export const DEFAULT_VOLUME_SETTINGS: VolumeSettings = {
  slices: DEFAULT_SLICE_SELECTION,
  ctWindow: WINDOW_PRESETS['ct-qoq-prep'],
};
