import { allocate, cast, concat, constant, cos, mul, sin, unsqueeze, type GraphBuilder, type RopeTables, type Tensor } from '../../graph/index.js';
import type { PatchCoordinates } from './patchCoordinates.js';

/**
 * Qwen2-VL's 2-D vision rotary tables. With head dim D, D/4 frequencies θ^(−4j/D) rotate by the patch
 * row and the same D/4 by the column: angles (N, D/2) = [row·f, col·f], duplicated to (N, D) for
 * rotate-half, so pair (d, d + D/2) turns by the row angle for d < D/4 and by the column angle after.
 */
export function visionRotary(g: GraphBuilder, coords: PatchCoordinates, headDim: number, theta: number, dtype: 'float32' | 'float64'): RopeTables {
  const quarter = headDim / 4;
  const invFreq = allocate(dtype, quarter);
  // HF: 1 / θ^(arange(0, D/2, 2) / (D/2)); computed in float64 and rounded once to the graph dtype.
  for (let j = 0; j < quarter; j++) invFreq[j] = 1 / theta ** ((2 * j) / (headDim / 2));
  const freqs = constant(g, { dtype, dims: [quarter], data: invFreq }); // (D/4)
  const angle = (pos: Tensor) => mul(g, unsqueeze(g, cast(g, pos, dtype), [-1]), freqs); // (N, D/4)
  const rowAngle = angle(coords.row);
  const colAngle = angle(coords.col);
  const emb = unsqueeze(g, concat(g, [rowAngle, colAngle, rowAngle, colAngle], -1), [0]); // (1, N, D)
  return { cos: cos(g, emb), sin: sin(g, emb) };
}
