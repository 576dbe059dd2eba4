/**
 * Anatomy of a frontal (PA) chest radiograph on a 256² grid, as [0, 1] attenuation (bright = dense):
 * soft-tissue torso, two lungs as dark ellipses cut by convex-up diaphragm domes (sharp costophrenic
 * angles), mediastinum and spine, a heart whose width sets the cardiothoracic ratio, posterior ribs and
 * vascular lung markings that fade toward the periphery. Image left is the patient's right (PA view).
 */
import type { LabRandom } from '../LabRandom';
import type { Mask } from '../labTypes';
import { smoothNoise } from '../raster/field';
import { ellipseMask, emptyMask, maskBox, subtractMask } from '../raster/mask';

export const CXR_SIZE = 256;
/** Detector pixel pitch: 256 px × 1.4 mm covers a 36 cm cassette. */
export const CXR_SPACING_MM = 1.4;

/** Attenuation levels: air outside the body, aerated lung, soft tissue, mediastinum, heart, spine. */
export const CXR_LEVELS = { air: 0.04, lung: 0.22, tissue: 0.56, mediastinum: 0.62, heart: 0.7, spine: 0.72 } as const;

export interface Lung {
  mask: Mask;
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  /** Patient side: image left is the patient's right in a PA film. */
  side: 'right' | 'left';
  top: number;
  bottom: number;
}

export interface ChestPhantom {
  image: Float32Array;
  lungs: [Lung, Lung];
  heart: Mask;
  /** Width between the outer lung margins (inner rib margins): the CTR denominator. */
  thoracicWidth: number;
  ctr: number;
  /** Adds the lung markings and ribs; called after lesions that must replace markings were painted. */
  ribsAt: (x: number, y: number) => number;
}

function lungMask(cx: number, cy: number, rx: number, ry: number, domeRise: number): Mask {
  const ellipse = ellipseMask(CXR_SIZE, CXR_SIZE, cx, cy, rx, ry);
  // A convex-up dome cuts the lung base: the hemidiaphragm bulges into the thorax.
  const dome = emptyMask(CXR_SIZE, CXR_SIZE);
  const base = cy + ry * 0.92;
  for (let y = 0; y < CXR_SIZE; y++) {
    for (let x = 0; x < CXR_SIZE; x++) {
      const u = (x - cx) / rx;
      if (y > base - domeRise * Math.max(0, 1 - u * u)) dome.data[y * CXR_SIZE + x] = 1;
    }
  }
  return subtractMask(ellipse, dome);
}

export function buildChestPhantom(rng: LabRandom, ctr: number): ChestPhantom {
  const n = CXR_SIZE;
  const img = new Float32Array(n * n).fill(CXR_LEVELS.air);
  const mid = 128 + rng.range(-4, 4);
  const torso = ellipseMask(n, n, mid, 150, rng.range(112, 120), 150);
  for (let i = 0; i < img.length; i++) if (torso.data[i]) img[i] = CXR_LEVELS.tissue;
  // Mediastinum and spine: a dense central band from the neck down.
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (!torso.data[y * n + x]) continue;
      const d = Math.abs(x - mid);
      if (d < 8) img[y * n + x] = CXR_LEVELS.spine;
      else if (d < 20 + Math.max(0, (y - 60) * 0.08)) img[y * n + x] = CXR_LEVELS.mediastinum;
    }
  }

  const rRy = rng.range(66, 74);
  const lRy = rRy - rng.range(2, 6); // the left dome sits lower, the heart takes room: a shorter left lung
  const right: Lung = { cx: mid - 46, cy: 112, rx: rng.range(36, 40), ry: rRy, side: 'right', mask: emptyMask(n, n), top: 0, bottom: 0 };
  const left: Lung = { cx: mid + 46, cy: 116, rx: rng.range(34, 38), ry: lRy, side: 'left', mask: emptyMask(n, n), top: 0, bottom: 0 };
  for (const lung of [right, left]) {
    lung.mask = lungMask(lung.cx, lung.cy, lung.rx, lung.ry, rng.range(10, 16));
    const box = maskBox(lung.mask)!;
    lung.top = box[1];
    lung.bottom = box[3];
  }
  const thoracicWidth = left.cx + left.rx - (right.cx - right.rx);

  // Heart: two-thirds to the patient's left of the midline, its width fixed by the requested CTR.
  const heartRx = (ctr * thoracicWidth) / 2;
  const heartCx = mid + heartRx * 0.28;
  const heartRy = Math.min(40, 26 + heartRx * 0.2);
  const heartCy = Math.max(left.bottom, right.bottom) - heartRy * 0.55;
  const heart = ellipseMask(n, n, heartCx, heartCy, heartRx, heartRy);

  const markings = smoothNoise(rng, n, n, 2);
  const ribPhase = rng.range(0, 6);
  const ribsAt = (x: number, y: number): number => {
    // Posterior ribs slope downward laterally; a band every 17 px is dense cortex over the lung.
    const curve = y - 0.004 * (x - mid) ** 2 + ribPhase;
    const m = ((curve % 17) + 17) % 17;
    return m < 3.5 ? 0.05 : 0;
  };
  for (const lung of [right, left]) {
    const hilumX = lung.cx + (lung.side === 'right' ? lung.rx * 0.55 : -lung.rx * 0.55);
    for (let i = 0; i < img.length; i++) {
      if (!lung.mask.data[i]) continue;
      const x = i % n;
      const y = Math.floor(i / n);
      // Vessels are largest at the hilum and vanish in the outer third: markings fade with distance.
      const r = Math.hypot((x - hilumX) / lung.rx, (y - lung.cy) / lung.ry);
      img[i] = CXR_LEVELS.lung + Math.max(0, 0.05 * (1 - r / 1.6)) + 0.012 * markings[i]! * Math.max(0, 1 - r / 1.8);
    }
  }
  for (let i = 0; i < img.length; i++) if (heart.data[i]) img[i] = CXR_LEVELS.heart;
  const heartBox = maskBox(heart)!;
  return { image: img, lungs: [right, left], heart, thoracicWidth, ctr: (heartBox[2] - heartBox[0] + 1) / thoracicWidth, ribsAt };
}

/** Adds rib shadows over the lungs (ribs overlie whatever lies in the lung field, lesions included). */
export function addRibs(p: ChestPhantom): void {
  for (const lung of p.lungs) {
    for (let i = 0; i < p.image.length; i++) {
      if (lung.mask.data[i]) p.image[i] = p.image[i]! + p.ribsAt(i % CXR_SIZE, Math.floor(i / CXR_SIZE));
    }
  }
}
