/** Colour layout helpers: planar → interleaved, chroma upsampling, and YCbCr → RGB (PS3.3 C.7.6.3.1.2). */

/** Reorders plane-by-plane samples (RRR…GGG…BBB…) into pixel-interleaved order (RGBRGB…). */
export function planarToInterleaved(samples: ArrayLike<number>, components: number): Int32Array {
  const pixels = Math.floor(samples.length / components);
  const out = new Int32Array(pixels * components);
  for (let c = 0; c < components; c++) {
    const plane = c * pixels;
    for (let i = 0; i < pixels; i++) out[i * components + c] = samples[plane + i] as number;
  }
  return out;
}

/** Native YBR_FULL_422 stores pixel pairs, so a row must hold an even number of pixels. */
export function assertYbr422Columns(columns: number): void {
  if (columns % 2 !== 0) throw new Error(`YBR_FULL_422 needs an even number of columns, got ${columns}`);
}

/**
 * Expands native YBR_FULL_422 (each horizontal pixel pair stored as Y1 Y2 Cb Cr, PS3.3 C.7.6.3.1.2) to
 * full-resolution interleaved Y Cb Cr, giving both pixels of a pair the pair's chroma.
 */
export function expandYbr422(samples: ArrayLike<number>, rows: number, columns: number): Int32Array {
  assertYbr422Columns(columns);
  const out = new Int32Array(rows * columns * 3);
  const pairs = (rows * columns) / 2;
  for (let p = 0; p < pairs; p++) {
    const s = p * 4;
    const y1 = samples[s] as number;
    const y2 = samples[s + 1] as number;
    const cb = samples[s + 2] as number;
    const cr = samples[s + 3] as number;
    const o = p * 6;
    out[o] = y1;
    out[o + 1] = cb;
    out[o + 2] = cr;
    out[o + 3] = y2;
    out[o + 4] = cb;
    out[o + 5] = cr;
  }
  return out;
}

/**
 * Converts interleaved full-range Y Cb Cr to R G B with the PS3.3 YBR_FULL equations, rounding and
 * clamping to [0, 2^bits − 1]. Chroma is centred on 2^(bits−1) (128 for 8-bit data).
 */
export function ybrFullToRgb(samples: ArrayLike<number>, bits: number): Int32Array {
  const max = 2 ** bits - 1;
  const mid = 2 ** (bits - 1);
  const out = new Int32Array(samples.length);
  const clamp = (v: number): number => (v < 0 ? 0 : v > max ? max : Math.round(v));
  for (let i = 0; i + 2 < samples.length; i += 3) {
    const y = samples[i] as number;
    const cb = (samples[i + 1] as number) - mid;
    const cr = (samples[i + 2] as number) - mid;
    out[i] = clamp(y + 1.402 * cr);
    out[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
    out[i + 2] = clamp(y + 1.772 * cb);
  }
  return out;
}
