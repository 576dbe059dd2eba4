import { allocate, cast, concat, constant, cos, gather, mul, scalar, sin, unsqueeze, type GraphBuilder, type RopeTables, type Tensor } from '../../graph/index.js';
import type { DecoderConfig } from './DecoderConfig.js';

/**
 * Multimodal RoPE tables (Qwen2-VL / Qwen2.5-VL) from position ids (3, B, S) = (t, h, w) rows.
 * Rotary frequency j of the half-dim belongs to section t, h or w by `mropeSection` and takes its
 * angle from that row: angle_j = pos[section(j)] · θ^(−2j/Dh), with j the GLOBAL index (frequencies
 * are not restarted per section). The half-dim angles are then duplicated for rotate-half, which is
 * what HF's `mrope_section * 2` split of the full-dim cos/sin amounts to. Text tokens carry equal
 * rows, so this reduces exactly to 1-D RoPE.
 */
export function mropeTables(g: GraphBuilder, positionIds: Tensor, config: DecoderConfig): RopeTables {
  const { headDim, ropeTheta, mropeSection, dtype } = config;
  const sections: Tensor[] = [];
  let start = 0;
  mropeSection.forEach((length, axis) => {
    if (length === 0) return;
    const invFreq = allocate(dtype, length);
    for (let k = 0; k < length; k++) invFreq[k] = 1 / ropeTheta ** ((2 * (start + k)) / headDim);
    const row = gather(g, positionIds, scalar(g, axis, 'int64'), 0); // (B, S)
    const pos = unsqueeze(g, cast(g, row, dtype), [-1]); // (B, S, 1)
    sections.push(mul(g, pos, constant(g, { dtype, dims: [length], data: invFreq }))); // (B, S, len)
    start += length;
  });
  const half = sections.length === 1 ? (sections[0] as Tensor) : concat(g, sections, -1); // (B, S, Dh/2)
  const emb = concat(g, [half, half], -1); // (B, S, Dh)
  return { cos: cos(g, emb), sin: sin(g, emb) };
}
