/** 8-bit RGB, interleaved (HWC), row-major: what PIL hands Qwen's image processor. */
export interface RgbImage {
  width: number;
  height: number;
  /** width × height × 3 bytes, R G B per pixel. */
  data: Uint8Array;
}

/** Float planar image (CHW), channel-major: the layout after normalisation. */
export interface ChwImage {
  channels: number;
  height: number;
  width: number;
  /** channels × height × width values. */
  data: Float32Array;
}

/** (t, h, w) in 14-pixel patches, as Qwen's `image_grid_thw` (h, w are NOT yet divided by the merge). */
export type GridThw = [t: number, h: number, w: number];

/**
 * The two grids of one image fed to the model, so boxes the model answers in resized pixels can be mapped
 * back (structurally compatible with protocol's ImageGrids). `ref` is the caller's opaque identifier of
 * the source (e.g. SOP Instance UID + frame, or volume + slice index) so the right image gets the box.
 */
export interface ResizeInfo {
  originalWidth: number;
  originalHeight: number;
  resizedWidth: number;
  resizedHeight: number;
  ref: string;
}
