/**
 * Colour fundus photo (RGB 256², PNG). Orange-red retina with vignetting inside the round camera field,
 * a bright yellow optic disc, a darker macula and vessel arcades leaving the disc above and below the
 * macula. Findings: haemorrhages (dark red dot and blot lesions, clear of vessels) and exudates (small
 * bright yellow waxy deposits, often ringing the macula), or normal.
 */
import { byDifficulty, type LabRandom } from '../LabRandom';
import { makeFinding } from '../finding';
import type { LabFinding, Mask, PhotoStudy } from '../labTypes';
import { smoothNoise } from '../raster/field';
import { dilateMask, ellipseMask, emptyMask, masksOverlap, maskWithin, subtractMask, unionMasks } from '../raster/mask';
import { addColourNoise, blurOutside, filledPlanes, modulate, paintColour, toRgb8 } from '../raster/rgb';

export const FUNDUS_LABELS = ['haemorrhages', 'exudates', 'normal'] as const;

const N = 256;
const C = N / 2;

function vesselTree(rng: LabRandom, discX: number, discY: number, temporalDir: number): Mask {
  const m = emptyMask(N, N);
  const draw = (x: number, y: number, w: number): void => {
    for (let dy = -w; dy <= w; dy++) for (let dx = -w; dx <= w; dx++) {
      const u = Math.round(x + dx);
      const v = Math.round(y + dy);
      if (u >= 0 && v >= 0 && u < N && v < N && dx * dx + dy * dy <= w * w) m.data[v * N + u] = 1;
    }
  };
  for (const vertical of [-1, 1]) {
    // Temporal arcade: arches around the macula; nasal branch: runs straight toward the nasal edge.
    const spread = rng.range(38, 48);
    for (let t = 0; t <= 1; t += 0.004) {
      const x = discX + temporalDir * t * 150;
      const y = discY + vertical * spread * Math.sin(Math.PI * Math.min(1, t * 1.1)) * (1 + 0.4 * t);
      draw(x, y, t < 0.5 ? 2 : 1);
      const nx = discX - temporalDir * t * 60;
      const ny = discY + vertical * t * 70;
      draw(nx, ny, 1);
    }
  }
  return m;
}

function scatter(rng: LabRandom, allowed: Mask, avoid: Mask, count: number, radius: () => number, around: { x: number; y: number; r: number }): Mask {
  const spots: Mask[] = [];
  let taken = emptyMask(N, N);
  // spot ⊕ 4 overlapping X  ⇔  spot overlapping X ⊕ 4: dilate the obstacles once, not every candidate.
  const blocked = dilateMask(avoid, 4);
  for (let attempt = 0; attempt < 2000 && spots.length < count; attempt++) {
    const a = rng.range(0, 2 * Math.PI);
    const d = around.r * Math.sqrt(rng.next());
    const r = radius();
    const spot = ellipseMask(N, N, around.x + d * Math.cos(a), around.y + d * Math.sin(a), r, r * rng.range(0.7, 1));
    // Kept off vessels and off each other, so every lesion is surrounded by plain retina.
    if (!maskWithin(spot, allowed) || masksOverlap(spot, blocked)) continue;
    spots.push(spot);
    taken = unionMasks(N, N, [taken, spot]);
    const grown = dilateMask(spot, 4);
    for (let i = 0; i < grown.data.length; i++) blocked.data[i] = blocked.data[i]! | grown.data[i]!;
  }
  if (spots.length === 0) throw new Error('phantom lab: no room for fundus lesions');
  return taken;
}

export function generateFundus(rng: LabRandom, label: string, difficulty: number): PhotoStudy {
  const p = filledPlanes(N, N, [0.78, 0.36, 0.14]);
  const eye = rng.chance(0.5) ? 'right' : 'left';
  // Right eye: disc on the image's right (nasal), macula temporal to it.
  const temporalDir = eye === 'right' ? -1 : 1;
  const discX = C - temporalDir * rng.range(55, 65);
  const discY = C + rng.range(-8, 8);
  const macX = C + temporalDir * rng.range(0, 8);
  const field = ellipseMask(N, N, C, C, 120, 120);
  const vign = new Float32Array(N * N);
  for (let i = 0; i < vign.length; i++) vign[i] = -Math.hypot((i % N) - C, Math.floor(i / N) - C) / 120;
  modulate(p, vign, 0.35);
  modulate(p, smoothNoise(rng, N, N, 5), 0.04);
  const macula = ellipseMask(N, N, macX, discY, 18, 18);
  paintColour(p, macula, [0.55, 0.22, 0.08], () => 0.5);
  const vessels = vesselTree(rng, discX, discY, temporalDir);
  paintColour(p, vessels, [0.5, 0.12, 0.06], () => 0.8);
  const disc = ellipseMask(N, N, discX, discY, 13, 14);
  paintColour(p, disc, [0.98, 0.86, 0.6]);

  const allowed = subtractMask(ellipseMask(N, N, C, C, 105, 105), dilateMask(disc, 6));
  const findings: LabFinding[] = [];
  let reasoning: string;
  if (label === 'haemorrhages') {
    const count = Math.round(byDifficulty(difficulty, 8, 3));
    const mask = scatter(rng, allowed, vessels, count, () => byDifficulty(difficulty, 5, 2.2) * rng.range(0.8, 1.2), { x: macX, y: discY, r: 85 });
    paintColour(p, mask, [0.4, 0.07, 0.04], () => byDifficulty(difficulty, 1, 0.8));
    findings.push(makeFinding('haemorrhages', mask, 'darker'));
    reasoning =
      `Colour fundus photograph of the ${eye} eye, disc and macula in view. Several dark red dot and blot lesions lie in ` +
      `the posterior pole around the macula and along the vascular arcades, separate from the vessels: retinal haemorrhages.`;
  } else if (label === 'exudates') {
    const count = Math.round(byDifficulty(difficulty, 16, 6));
    const mask = scatter(rng, allowed, vessels, count, () => byDifficulty(difficulty, 2.6, 1.4) * rng.range(0.8, 1.3), { x: macX, y: discY, r: 50 });
    paintColour(p, mask, [0.97, 0.88, 0.45], () => byDifficulty(difficulty, 1, 0.75));
    findings.push(makeFinding('exudates', mask, 'brighter'));
    reasoning =
      `Colour fundus photograph of the ${eye} eye. Multiple small, sharply defined, bright yellow waxy deposits cluster ` +
      `around the macula within about two disc diameters of the fovea: hard exudates.`;
  } else {
    reasoning =
      `Colour fundus photograph of the ${eye} eye. Pink, sharp optic disc, normal vessel calibre along the arcades, ` +
      `macula with a normal reflex; no haemorrhages, exudates or other lesions: a normal fundus.`;
  }
  const outside = subtractMask({ width: N, height: N, data: new Uint8Array(N * N).fill(1) }, field);
  paintColour(p, outside, [0.01, 0.01, 0.01]);
  const keep = findings[0]?.mask ?? null;
  blurOutside(p, keep, 1);
  addColourNoise(rng, p, 0.008);
  return {
    format: 'photo',
    domain: 'fundus',
    modality: 'OP',
    labels: [label],
    reasoning,
    difficulty,
    measurements: {},
    frame: { width: N, height: N, rgb: toRgb8(p), findings },
  };
}
