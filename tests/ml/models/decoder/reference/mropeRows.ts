// M-RoPE written from Qwen2.5-VL's definition, one rotation pair at a time: rotary frequency j of the
// half-dim (global index, θ^(−2j/Dh)) falls in section t, h or w by the cumulative mrope_section, and
// its angle is that axis's position times the frequency. Pair (j, j + Dh/2) is rotated (rotate-half).

/** Which of the (t, h, w) axes drives half-dim frequency j. */
export function sectionOf(j: number, section: readonly number[]): number {
  let end = 0;
  for (let axis = 0; axis < section.length; axis++) {
    end += section[axis] ?? 0;
    if (j < end) return axis;
  }
  throw new Error(`reference mrope: frequency ${j} beyond the sections [${section.join(', ')}]`);
}

/**
 * In place on rows laid out (token, head, Dh). `positions` is (3, N): positions[axis * N + token].
 */
export function mropeRows(x: Float64Array, positions: readonly number[], tokens: number, heads: number, headDim: number, theta: number, section: readonly number[]): void {
  const half = headDim / 2;
  for (let token = 0; token < tokens; token++) {
    for (let h = 0; h < heads; h++) {
      const base = (token * heads + h) * headDim;
      for (let j = 0; j < half; j++) {
        const pos = positions[sectionOf(j, section) * tokens + token] ?? NaN;
        const angle = pos * theta ** ((-2 * j) / headDim);
        const [a, b] = [x[base + j] ?? 0, x[base + j + half] ?? 0];
        x[base + j] = a * Math.cos(angle) - b * Math.sin(angle);
        x[base + j + half] = b * Math.cos(angle) + a * Math.sin(angle);
      }
    }
  }
}
