/**
 * H&E pathology tile (RGB 256², PNG, ~0.5 µm/px). Normal: pink eosinophilic stroma, glands lined by a
 * single row of small, regular, evenly spaced basophilic nuclei around white lumina. Tumour: an irregular
 * region of crowded, enlarged, pleomorphic, hyperchromatic nuclei on purple cytoplasm with the glandular
 * architecture lost. Difficulty lowers crowding, size and darkness of the atypical nuclei.
 */
import { byDifficulty, type LabRandom } from '../LabRandom';
import { third } from '../describe';
import { makeFinding } from '../finding';
import type { LabFinding, Mask, PhotoStudy } from '../labTypes';
import { smoothNoise } from '../raster/field';
import { ellipseMask, emptyMask, intersectMasks, lobulatedMask, masksOverlap, subtractMask, unionMasks } from '../raster/mask';
import { addColourNoise, filledPlanes, modulate, paintColour, toRgb8, type Colour } from '../raster/rgb';

export const PATHOLOGY_LABELS = ['tumour', 'normal'] as const;

const N = 256;
const NUCLEUS: Colour = [0.36, 0.26, 0.56];
const ATYPICAL: Colour = [0.2, 0.1, 0.36];

/** Nuclei as small ellipses, drawn into one mask (clipped to `within`). */
function nucleiMask(rng: LabRandom, centres: [number, number][], size: () => [number, number], within: Mask): Mask {
  const out = emptyMask(N, N);
  for (const [x, y] of centres) {
    const [rx, ry] = size();
    const a = rng.range(0, Math.PI);
    const c = Math.cos(a);
    const s = Math.sin(a);
    const r = Math.ceil(Math.max(rx, ry));
    // Stamped in its own small neighbourhood: hundreds of nuclei must not each scan the whole tile.
    for (let v = Math.max(0, Math.floor(y) - r); v <= Math.min(N - 1, Math.ceil(y) + r); v++) {
      for (let u = Math.max(0, Math.floor(x) - r); u <= Math.min(N - 1, Math.ceil(x) + r); u++) {
        const du = (u - x) * c + (v - y) * s;
        const dv = -(u - x) * s + (v - y) * c;
        if ((du / rx) ** 2 + (dv / ry) ** 2 <= 1 && within.data[v * N + u]) out.data[v * N + u] = 1;
      }
    }
  }
  return out;
}

export function generatePathology(rng: LabRandom, label: string, difficulty: number): PhotoStudy {
  const p = filledPlanes(N, N, [0.93, 0.68, 0.8]);
  modulate(p, smoothNoise(rng, N, N, 3), 0.05);
  const all: Mask = { width: N, height: N, data: new Uint8Array(N * N).fill(1) };
  const tumour = label === 'tumour';
  const region = tumour
    ? lobulatedMask(N, N, rng.range(90, 166), rng.range(90, 166), byDifficulty(difficulty, 78, 46), [
        { k: 2, amplitude: 0.15, phase: rng.range(0, 6.28) },
        { k: 4, amplitude: 0.1, phase: rng.range(0, 6.28) },
        { k: 7, amplitude: 0.06, phase: rng.range(0, 6.28) },
      ])
    : emptyMask(N, N);
  const normalArea = subtractMask(all, region);

  // Normal glands: white lumen ringed by regular nuclei, never overlapping the tumour.
  let glands = emptyMask(N, N);
  const glandNuclei: [number, number][] = [];
  for (let attempt = 0; attempt < 60; attempt++) {
    const gx = rng.range(10, N - 10);
    const gy = rng.range(10, N - 10);
    const gr = rng.range(12, 20);
    const gland = ellipseMask(N, N, gx, gy, gr + 5, gr + 5);
    if (masksOverlap(gland, glands) || masksOverlap(gland, region)) continue;
    glands = unionMasks(N, N, [glands, gland]);
    paintColour(p, ellipseMask(N, N, gx, gy, gr - 2, gr - 2), [0.97, 0.94, 0.96]);
    const count = Math.round((2 * Math.PI * gr) / 7);
    for (let k = 0; k < count; k++) {
      const a = (2 * Math.PI * k) / count;
      glandNuclei.push([gx + gr * Math.cos(a), gy + gr * Math.sin(a)]);
    }
  }
  // Scattered stromal nuclei (fibroblasts, lymphocytes): sparse and small.
  const stromal: [number, number][] = [];
  for (let k = 0; k < 70; k++) stromal.push([rng.range(0, N), rng.range(0, N)]);
  const normalNuclei = nucleiMask(rng, [...glandNuclei, ...stromal], () => [rng.range(2, 2.8), rng.range(2, 2.8)], normalArea);
  paintColour(p, normalNuclei, NUCLEUS, () => 0.9);

  const findings: LabFinding[] = [];
  let reasoning: string;
  if (tumour) {
    // Purple cytoplasm of sheets of tumour cells replaces the pink stroma.
    paintColour(p, region, [0.72, 0.52, 0.75], () => byDifficulty(difficulty, 0.9, 0.6));
    const spacing = byDifficulty(difficulty, 7, 10);
    const centres: [number, number][] = [];
    for (let y = 0; y < N; y += spacing) for (let x = 0; x < N; x += spacing) centres.push([x + rng.range(-3, 3), y + rng.range(-3, 3)]);
    const big = byDifficulty(difficulty, 5.5, 3.6);
    const atypical = nucleiMask(rng, centres, () => [big * rng.range(0.6, 1.2), big * rng.range(0.5, 1)], region);
    paintColour(p, intersectMasks(atypical, region), ATYPICAL, () => byDifficulty(difficulty, 0.95, 0.8));
    findings.push(makeFinding('tumour', region, 'darker'));
    const box = findings[0]!.box;
    const where = `${third((box[1] + box[3]) / 2, 0, N, ['upper', 'middle', 'lower'])} ${third((box[0] + box[2]) / 2, 0, N, ['left', 'central', 'right'])}`;
    reasoning =
      `H&E tile. Beside normal glands lined by small regular nuclei, the ${where} part of the tile is replaced by a ` +
      `solid sheet of crowded cells with enlarged, pleomorphic, hyperchromatic nuclei and loss of glandular architecture: tumour.`;
  } else {
    reasoning =
      'H&E tile. Glands lined by a single layer of small, round, evenly spaced nuclei with open lumina in loose pink ' +
      'stroma; no crowding, nuclear enlargement or atypia: normal tissue.';
  }
  addColourNoise(rng, p, 0.012);
  return {
    format: 'photo',
    domain: 'pathology',
    modality: 'SM',
    labels: [label],
    reasoning,
    difficulty,
    measurements: {},
    frame: { width: N, height: N, rgb: toRgb8(p), findings },
  };
}
