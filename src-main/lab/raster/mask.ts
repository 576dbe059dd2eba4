/**
 * Binary footprints. A lesion is first rasterised as a mask and then painted through it, so the ground
 * truth (mask and box) is exactly the set of pixels the lesion changed.
 */
import type { Box } from '../../parsing/types';
import type { LabRandom } from '../LabRandom';
import type { Mask } from '../labTypes';

export function emptyMask(width: number, height: number): Mask {
  return { width, height, data: new Uint8Array(width * height) };
}

/**
 * Pixels whose centre lies within radius(θ) of (cx, cy). A radius that varies with the angle gives
 * lobulated or irregular borders (melanoma, spiculated masses); a constant one gives a disc.
 */
export function polarMask(
  width: number,
  height: number,
  cx: number,
  cy: number,
  radius: (theta: number) => number,
  maxRadius: number,
): Mask {
  const m = emptyMask(width, height);
  const x0 = Math.max(0, Math.floor(cx - maxRadius));
  const x1 = Math.min(width - 1, Math.ceil(cx + maxRadius));
  const y0 = Math.max(0, Math.floor(cy - maxRadius));
  const y1 = Math.min(height - 1, Math.ceil(cy + maxRadius));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const dx = x - cx;
      const dy = y - cy;
      if (Math.hypot(dx, dy) <= radius(Math.atan2(dy, dx))) m.data[y * width + x] = 1;
    }
  }
  return m;
}

/** A rotated ellipse (semi-axes rx, ry; angle in radians). */
export function ellipseMask(width: number, height: number, cx: number, cy: number, rx: number, ry: number, angle = 0): Mask {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const r = Math.max(rx, ry);
  return polarMask(
    width,
    height,
    cx,
    cy,
    (t) => {
      // Radius of the ellipse in direction t, measured in the ellipse's own frame.
      const u = Math.cos(t) * c + Math.sin(t) * s;
      const v = -Math.cos(t) * s + Math.sin(t) * c;
      return 1 / Math.sqrt((u / rx) ** 2 + (v / ry) ** 2);
    },
    r,
  );
}

/** A lobulated outline: radius r0·(1 + Σ a_k cos(kθ + φ_k)). */
export function lobulatedMask(
  width: number,
  height: number,
  cx: number,
  cy: number,
  r0: number,
  lobes: { k: number; amplitude: number; phase: number }[],
): Mask {
  const maxA = lobes.reduce((s, l) => s + Math.abs(l.amplitude), 0);
  return polarMask(
    width,
    height,
    cx,
    cy,
    (t) => r0 * (1 + lobes.reduce((s, l) => s + l.amplitude * Math.cos(l.k * t + l.phase), 0)),
    r0 * (1 + maxA),
  );
}

export function maskArea(m: Mask): number {
  let n = 0;
  for (const v of m.data) n += v;
  return n;
}

/** Inclusive bounding box of the set pixels, or null for an empty mask. */
export function maskBox(m: Mask): Box | null {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -1;
  let y2 = -1;
  for (let y = 0; y < m.height; y++) {
    for (let x = 0; x < m.width; x++) {
      if (!m.data[y * m.width + x]) continue;
      if (x < x1) x1 = x;
      if (x > x2) x2 = x;
      if (y < y1) y1 = y;
      if (y > y2) y2 = y;
    }
  }
  return x2 < 0 ? null : [x1, y1, x2, y2];
}

export function unionMasks(width: number, height: number, masks: readonly Mask[]): Mask {
  const out = emptyMask(width, height);
  for (const m of masks) for (let i = 0; i < out.data.length; i++) out.data[i] = out.data[i]! | m.data[i]!;
  return out;
}

/** Pixels set in `a` and not in `b`. */
export function subtractMask(a: Mask, b: Mask): Mask {
  const out = emptyMask(a.width, a.height);
  for (let i = 0; i < out.data.length; i++) out.data[i] = a.data[i]! & (1 - b.data[i]!);
  return out;
}

export function intersectMasks(a: Mask, b: Mask): Mask {
  const out = emptyMask(a.width, a.height);
  for (let i = 0; i < out.data.length; i++) out.data[i] = a.data[i]! & b.data[i]!;
  return out;
}

/**
 * Dilation by a disc of radius r (pixels): the disc is split into rows, each a horizontal run of half-width
 * floor(√(r² − dy²)), tested with per-row prefix sums; only the mask's bounding box grown by r is visited.
 */
export function dilateMask(m: Mask, r: number): Mask {
  const { width: W, height: H } = m;
  const out = emptyMask(W, H);
  const box = maskBox(m);
  if (!box) return out;
  const stride = W + 1;
  const pre = new Int32Array(stride * H);
  for (let y = box[1]; y <= box[3]; y++) {
    for (let x = 0; x < W; x++) pre[y * stride + x + 1] = pre[y * stride + x]! + m.data[y * W + x]!;
  }
  const x0 = Math.max(0, box[0] - r);
  const x1 = Math.min(W - 1, box[2] + r);
  for (let dy = -r; dy <= r; dy++) {
    const w = Math.floor(Math.sqrt(r * r - dy * dy));
    for (let y = Math.max(0, box[1] - dy); y <= Math.min(H - 1, box[3] - dy); y++) {
      const row = (y + dy) * stride;
      for (let x = x0; x <= x1; x++) {
        const a = Math.max(0, x - w);
        const b = Math.min(W - 1, x + w);
        if (pre[row + b + 1]! - pre[row + a]! > 0) out.data[y * W + x] = 1;
      }
    }
  }
  return out;
}

/** Erosion by a disc of radius r: the pixels whose whole disc lies inside `m`. */
export function erodeMask(m: Mask, r: number): Mask {
  const inverse = emptyMask(m.width, m.height);
  for (let i = 0; i < inverse.data.length; i++) inverse.data[i] = 1 - m.data[i]!;
  const grown = dilateMask(inverse, r);
  const out = emptyMask(m.width, m.height);
  for (let i = 0; i < out.data.length; i++) out.data[i] = 1 - grown.data[i]!;
  // Pixels at the image border count as outside, so nothing within r of the edge survives.
  for (let y = 0; y < m.height; y++) {
    for (let x = 0; x < m.width; x++) {
      if (x < r || y < r || x >= m.width - r || y >= m.height - r) out.data[y * m.width + x] = 0;
    }
  }
  return out;
}

/** The band of width r just outside the mask: the "surrounding tissue" a lesion is compared with. */
export function ringMask(m: Mask, r: number): Mask {
  return subtractMask(dilateMask(m, r), m);
}

/** Whether every pixel of `inner` is set in `allowed`. */
export function maskWithin(inner: Mask, allowed: Mask): boolean {
  for (let i = 0; i < inner.data.length; i++) if (inner.data[i] && !allowed.data[i]) return false;
  return true;
}

/** Whether two masks share any pixel. */
export function masksOverlap(a: Mask, b: Mask): boolean {
  for (let i = 0; i < a.data.length; i++) if (a.data[i] && b.data[i]) return true;
  return false;
}

/** A uniformly random set pixel of the mask as [x, y] (null when empty or absent). */
export function pickPixel(rng: LabRandom, m: Mask | null | undefined): [number, number] | null {
  if (!m) return null;
  const area = maskArea(m);
  if (area === 0) return null;
  let k = rng.int(0, area - 1);
  for (let i = 0; i < m.data.length; i++) {
    if (m.data[i] && k-- === 0) return [i % m.width, Math.floor(i / m.width)];
  }
  return null;
}
