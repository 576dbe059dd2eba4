/**
 * Whether decoded RGBA pixels are a binary mask: grey (R = G = B), constant alpha, and at most two grey
 * levels of which one is 0 (e.g. {0,1} from ImageJ, {0,255} from most tools). A lossy JPEG mask has
 * ringing and fails this test; such masks are imported as ordinary photos.
 */
export function isBinaryMask(rgba: Uint8Array): boolean {
  if (rgba.length < 4) return false;
  const alpha = rgba[3];
  let other = -1;
  let sawZero = false;
  for (let i = 0; i < rgba.length; i += 4) {
    const v = rgba[i]!;
    if (rgba[i + 1] !== v || rgba[i + 2] !== v || rgba[i + 3] !== alpha) return false;
    if (v === 0) sawZero = true;
    else if (other === -1) other = v;
    else if (v !== other) return false;
  }
  return sawZero;
}
