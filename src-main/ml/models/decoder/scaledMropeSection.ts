/**
 * Qwen2.5-VL's [t, h, w] = [16, 24, 24] split of the 64 rotary frequencies (head dim 128), scaled to
 * another head dim: t and h are rounded down and w takes the rest, so the parts always sum to Dh/2
 * (head dim 8 → [1, 1, 2]). Only small test models need this; real checkpoints state their split.
 */
export function scaledMropeSection(headDim: number): [number, number, number] {
  const half = headDim / 2;
  const t = Math.floor((half * 16) / 64);
  const h = Math.floor((half * 24) / 64);
  return [t, h, half - t - h];
}
