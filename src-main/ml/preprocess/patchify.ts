import type { ChwImage, GridThw } from './types';

export interface PatchifyOptions {
  temporalPatchSize: number;
  patchSize: number;
  merge: number;
}

export const QWEN_PATCHIFY: PatchifyOptions = { temporalPatchSize: 2, patchSize: 14, merge: 2 };

export interface Patches {
  /** (N, C·tp·ps·ps) row-major; N = t·gh·gw. 1176 columns for Qwen (3·2·14·14). */
  pixelValues: Float32Array;
  rows: number;
  columns: number;
  gridThw: GridThw;
}

/**
 * Flattens one still image into Qwen2-VL's patch rows. The image processor repeats the frame to
 * `temporalPatchSize` frames, then (numpy/torch):
 *   reshape (gt, tp, C, gh/m, m, ps, gw/m, m, ps)          axes 0..8
 *   transpose (0, 3, 6, 4, 7, 2, 1, 5, 8)  → (gt, gh/m, gw/m, m_h, m_w, C, tp, ps_y, ps_x)
 *   reshape (gt·gh·gw, C·tp·ps·ps)
 * So rows walk merge windows in raster order and, inside a window, its m×m patches in raster order (the
 * merger later concatenates each run of m² rows into one LLM token), and within a row the values are
 * ordered channel, then frame, then pixel y, then pixel x (the Conv3d weight layout [out, C, tp, ps, ps]).
 * Equivalently: row = ((t·gh/m + by)·gw/m + bx)·m² + my·m + mx; column = ((c·tp + f)·ps + py)·ps + px,
 * holding pixel (c, y = (by·m + my)·ps + py, x = (bx·m + mx)·ps + px) of frame f.
 */
export function patchify(image: ChwImage, options: PatchifyOptions = QWEN_PATCHIFY): Patches {
  const { temporalPatchSize: tp, patchSize: ps, merge: m } = options;
  const { channels: C, height: H, width: W, data } = image;
  const unit = ps * m;
  if (H % unit !== 0 || W % unit !== 0 || H === 0 || W === 0) {
    throw new RangeError(`patchify: ${W}x${H} is not a positive multiple of ${unit} (patch × merge)`);
  }
  if (data.length < C * H * W) throw new RangeError(`patchify: ${data.length} values for ${C}x${H}x${W}`);
  const gh = H / ps;
  const gw = W / ps;
  const columns = C * tp * ps * ps;
  const rows = gh * gw; // gt = 1: one still image repeated to tp frames fills exactly one temporal patch
  const out = new Float32Array(rows * columns);
  let o = 0;
  for (let by = 0; by < gh / m; by++) {
    for (let bx = 0; bx < gw / m; bx++) {
      for (let my = 0; my < m; my++) {
        for (let mx = 0; mx < m; mx++) {
          const y0 = (by * m + my) * ps;
          const x0 = (bx * m + mx) * ps;
          for (let c = 0; c < C; c++) {
            // Every temporal copy is the same still frame, so frame f reads the same plane.
            for (let f = 0; f < tp; f++) {
              for (let py = 0; py < ps; py++) {
                const src = c * H * W + (y0 + py) * W + x0;
                for (let px = 0; px < ps; px++) out[o++] = data[src + px] as number;
              }
            }
          }
        }
      }
    }
  }
  return { pixelValues: out, rows, columns, gridThw: [1, gh, gw] };
}
