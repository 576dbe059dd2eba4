/** Three rows of S positions: temporal, height, width (Qwen's position_ids[:, 0, :]). */
export type PositionIds = [t: number[], h: number[], w: number[]];

export interface RopeTokenIds {
  imagePad: number;
  visionStart: number;
  timeSeriesPad: number;
}

/**
 * Multimodal RoPE positions of one unpadded sequence, as Qwen2-VL's get_rope_index computes them:
 * - text (and the single `<|time_series_pad|>`, which carries one pooled ECG vector like a word) gets one
 *   running index, equal on all three axes;
 * - image k's run of pads (after a `<|vision_start|>`) gets (t, h, w) over its MERGED grid
 *   (t, h/merge, w/merge), raster order, each axis offset by st = the position the image's first pad
 *   would have had as text; after the image, text resumes at max(all previous) + 1 = st + max(t, h/m, w/m).
 * Qwen2-VL's t index is arange(t); Qwen2.5-VL scales it by seconds-per-grid × tokens_per_second, which is
 * 0 for still images, so both agree for t = 1 (every still image). Unlike Qwen, a pad run whose length
 * disagrees with its grid is an error here, because the embeddings would be misaligned silently.
 */
export function ropeIndex(inputIds: number[], imageGrids: [number, number, number][], ids: RopeTokenIds, merge = 2): PositionIds {
  const t: number[] = [];
  const h: number[] = [];
  const w: number[] = [];
  let next = 0; // next text position = max(previous) + 1
  let image = 0;
  let i = 0;
  while (i < inputIds.length) {
    const startsImage = inputIds[i] === ids.imagePad && i > 0 && inputIds[i - 1] === ids.visionStart;
    if (!startsImage) {
      if (inputIds[i] === ids.imagePad) throw new Error(`ropeIndex: <|image_pad|> at ${i} does not follow <|vision_start|>`);
      t.push(next);
      h.push(next);
      w.push(next);
      next++;
      i++;
      continue;
    }
    const grid = imageGrids[image];
    if (!grid) throw new Error(`ropeIndex: the sequence has more images than the ${imageGrids.length} grids given`);
    const [gt, gh, gw] = [grid[0], grid[1] / merge, grid[2] / merge];
    if (![gt, gh, gw].every((v) => Number.isInteger(v) && v > 0)) {
      throw new RangeError(`ropeIndex: grid (${grid.join(', ')}) is not divisible by merge ${merge}`);
    }
    const count = gt * gh * gw;
    for (let k = 0; k < count; k++) {
      if (inputIds[i + k] !== ids.imagePad) {
        throw new Error(`ropeIndex: image ${image} needs ${count} <|image_pad|> tokens from ${i}, found fewer`);
      }
    }
    if (inputIds[i + count] === ids.imagePad) throw new Error(`ropeIndex: image ${image} has more than ${count} <|image_pad|> tokens`);
    const st = next;
    for (let a = 0; a < gt; a++) {
      for (let b = 0; b < gh; b++) {
        for (let c = 0; c < gw; c++) {
          t.push(st + a);
          h.push(st + b);
          w.push(st + c);
        }
      }
    }
    next = st + Math.max(gt, gh, gw);
    i += count;
    image++;
  }
  if (image !== imageGrids.length) throw new Error(`ropeIndex: ${imageGrids.length} grids given but ${image} images found`);
  return [t, h, w];
}
