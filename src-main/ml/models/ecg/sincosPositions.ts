/**
 * ECG-JEPA's fixed positions (MAE's get_2d_sincos_pos_embed with grid h = leads, w = time patches):
 * token `lead·P + p` gets [sin(p·ω), cos(p·ω), sin(lead·ω), cos(lead·ω)], ω_k = 10000^(−k/(D/4)),
 * k < D/4. The time index fills the FIRST half because MAE's meshgrid puts w first; the checkpoint was
 * trained with that order, so it is kept. Returns (leads·P, D) row-major, in float64.
 */
export function sincosPositions(dim: number, leads: number, patches: number): Float64Array {
  const quarter = dim / 4;
  const out = new Float64Array(leads * patches * dim);
  for (let lead = 0; lead < leads; lead++) {
    for (let p = 0; p < patches; p++) {
      const row = (lead * patches + p) * dim;
      for (let k = 0; k < quarter; k++) {
        const omega = 1 / 10000 ** (k / quarter);
        out[row + k] = Math.sin(p * omega);
        out[row + quarter + k] = Math.cos(p * omega);
        out[row + 2 * quarter + k] = Math.sin(lead * omega);
        out[row + 3 * quarter + k] = Math.cos(lead * omega);
      }
    }
  }
  return out;
}
