/**
 * A lesion in a volume: an ellipsoid with a lobulated outline, rasterised slice by slice. Slices where
 * the cross-section is tiny (< 4 px) are left out of the footprint entirely, so every slice that carries
 * a lesion also carries a box at least two pixels wide and the volume holds no unlabelled lesion voxel.
 */
import type { LabRandom } from '../LabRandom';
import type { Mask } from '../labTypes';
import { lobulatedMask, maskArea } from '../raster/mask';

export interface VolumeLesion {
  /** Footprint per slice (null where the lesion is absent). */
  slices: (Mask | null)[];
  cx: number;
  cy: number;
  cz: number;
  /** In-plane radius (px) and through-plane radius (slices). */
  r: number;
  rz: number;
}

export function rasteriseLesion(rng: LabRandom, size: number, slices: number, cx: number, cy: number, cz: number, r: number, rz: number): VolumeLesion {
  const lobes = [
    { k: 2, amplitude: rng.range(0.03, 0.1), phase: rng.range(0, 6.28) },
    { k: 3, amplitude: rng.range(0.02, 0.06), phase: rng.range(0, 6.28) },
  ];
  const out: (Mask | null)[] = [];
  for (let z = 0; z < slices; z++) {
    const t = (z - cz) / rz;
    const rr = t * t < 1 ? r * Math.sqrt(1 - t * t) : 0;
    const m = rr > 0 ? lobulatedMask(size, size, cx, cy, rr, lobes) : null;
    out.push(m && maskArea(m) >= 4 ? m : null);
  }
  return { slices: out, cx, cy, cz, r, rz };
}

/** The slice with the most lesion pixels (the key image shown to the model). */
export function largestSlice(lesion: VolumeLesion): number {
  let best = -1;
  let bestArea = 0;
  lesion.slices.forEach((m, z) => {
    const a = m ? maskArea(m) : 0;
    if (a > bestArea) {
      bestArea = a;
      best = z;
    }
  });
  if (best < 0) throw new Error('phantom lab: lesion has no slice');
  return best;
}
