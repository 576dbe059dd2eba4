/** Public surface of model-input preprocessing (notes §6, §7): display pixels, Qwen vision input, slices, ECG. */
export type { ChwImage, GridThw, ResizeInfo, RgbImage } from './types';
export { WINDOW_PRESETS, type VoiWindow, type WindowPreset } from './windowPresets';
export { voiLinear } from './voiLinear';
export { minMaxWindow } from './minMaxWindow';
export {
  toDisplayRgb,
  type DisplayOptions,
  type DisplayRgb,
  type Photometric,
  type StoredFrame,
  type WindowSource,
} from './toDisplayRgb';
export { rgbaToRgb } from './rgbaToRgb';
export { roundHalfEven } from './roundHalfEven';
export { smartResize, QOQ_SMART_RESIZE, type SmartResizeOptions } from './smartResize';
export { RESAMPLE_FILTERS, type ResampleFilter, type ResampleKind } from './resampleFilters';
export { resizeRgb } from './resizeRgb';
export { normalizeClip, CLIP_MEAN, CLIP_STD } from './normalizeClip';
export { patchify, QWEN_PATCHIFY, type PatchifyOptions, type Patches } from './patchify';
export { imageTokenCount } from './imageTokenCount';
export { prepareImage, type PrepareImageOptions, type VisionInput } from './prepareImage';
export { selectSlices, DEFAULT_SLICE_SELECTION, type SliceSelection, type SliceStrategy } from './selectSlices';
export { DEFAULT_VOLUME_SETTINGS, type VolumeSettings } from './volumeSettings';
export { resampleLinear } from './resampleLinear';
export { zScoreInPlace } from './zScoreInPlace';
export {
  ecgInput,
  ECG_JEPA_LEADS,
  DEFAULT_ECG_INPUT_SETTINGS,
  type EcgInput,
  type EcgInputSettings,
} from './ecgInput';
