import { imageTokenCount } from './imageTokenCount';
import { normalizeClip } from './normalizeClip';
import { patchify, QWEN_PATCHIFY, type PatchifyOptions } from './patchify';
import type { ResampleKind } from './resampleFilters';
import { resizeRgb } from './resizeRgb';
import { QOQ_SMART_RESIZE, smartResize, type SmartResizeOptions } from './smartResize';
import type { GridThw, ResizeInfo, RgbImage } from './types';

export interface PrepareImageOptions {
  /** Caller's identifier of the source image, carried into ResizeInfo. */
  ref: string;
  resize?: SmartResizeOptions;
  resample?: ResampleKind;
  patches?: PatchifyOptions;
}

export interface VisionInput {
  /** (rows, 1176) float32 for the vision encoder. */
  pixelValues: Float32Array;
  rows: number;
  columns: number;
  gridThw: GridThw;
  /** Number of `<|image_pad|>` tokens this image needs in the prompt. */
  tokens: number;
  resize: ResizeInfo;
}

/** The whole Qwen image path for one display-ready picture: smart_resize → resize → normalise → patches. */
export function prepareImage(rgb: RgbImage, options: PrepareImageOptions): VisionInput {
  const patchOptions = options.patches ?? QWEN_PATCHIFY;
  const [resizedHeight, resizedWidth] = smartResize(rgb.height, rgb.width, options.resize ?? QOQ_SMART_RESIZE);
  const resized = resizeRgb(rgb, resizedWidth, resizedHeight, options.resample ?? 'bicubic');
  const patches = patchify(normalizeClip(resized), patchOptions);
  return {
    pixelValues: patches.pixelValues,
    rows: patches.rows,
    columns: patches.columns,
    gridThw: patches.gridThw,
    tokens: imageTokenCount(patches.gridThw, patchOptions.merge),
    resize: { originalWidth: rgb.width, originalHeight: rgb.height, resizedWidth, resizedHeight, ref: options.ref },
  };
}
