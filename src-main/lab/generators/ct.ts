/**
 * CT volume (128² × 24 slices, 2.5 mm pixels, 5 mm slices, stored as HU + 1024 with RescaleIntercept
 * −1024). The top slices cut the lower chest (lungs at −850 HU with vessels, heart, aorta, spine), the
 * lower slices the upper abdomen where the liver dome rises under the right lung. Findings: liver lesion
 * (hypodense focus, 0–55 HU against ~60 HU liver, as a metastasis or cyst on a portal venous scan), lung
 * nodule (soft-tissue density −55–55 HU inside aerated lung), or normal.
 */
import { byDifficulty, type LabRandom } from '../LabRandom';
import { mm } from '../describe';
import { makeFinding } from '../finding';
import type { DicomStudy, GreyFrame, Mask } from '../labTypes';
import { ellipseMask, erodeMask, maskWithin, pickPixel } from '../raster/mask';
import { largestSlice, rasteriseLesion, type VolumeLesion } from './volumeLesion';

export const CT_LABELS = ['liver lesion', 'lung nodule', 'normal'] as const;

const N = 128;
const SLICES = 24;
const SPACING = 2.5;
const THICKNESS = 5;
/** Every lesion voxel stays inside these after rescale (target ± the bounded noise). */
export const CT_LESION_HU: Record<string, [number, number]> = { 'liver lesion': [0, 55], 'lung nodule': [-55, 55] };
/** Bounded noise (±15 HU): quantum noise of a standard-dose abdomen scan, kept finite so ranges hold. */
const NOISE = 10;

interface Slice {
  hu: Float32Array;
  lungs: Mask | null;
  liver: Mask | null;
  /** Where a lesion centre-slice footprint may lie: the organ eroded so a rim of organ surrounds it. */
  room: { liver: Mask | null; lung: Mask | null };
}

/**
 * The anatomy depends only on (slice, jitter): built once per process and copied per study, since mask
 * morphology on 24 slices would otherwise dominate generation time. Templates are never mutated.
 */
const TEMPLATES = new Map<string, Slice>();

function anatomyTemplate(z: number, jitter: number): Slice {
  const key = `${z}:${jitter}`;
  let t = TEMPLATES.get(key);
  if (!t) {
    t = anatomySlice(z, jitter);
    TEMPLATES.set(key, t);
  }
  return { ...t, hu: new Float32Array(t.hu) };
}

function anatomySlice(z: number, jitter: number): Slice {
  const hu = new Float32Array(N * N).fill(-1000);
  const body = ellipseMask(N, N, 64, 66, 58, 44);
  const inner = erodeMask(body, 4);
  for (let i = 0; i < hu.length; i++) if (body.data[i]) hu[i] = inner.data[i] ? 45 : -100; // muscle inside a fat layer
  // Lungs shrink toward their bases; the right base ends higher (liver dome beneath it).
  const lungScale = (lastSlice: number): number => (z <= lastSlice ? Math.sqrt(1 - Math.max(0, (z - 6) / (lastSlice - 5)) ** 2) : 0);
  const rScale = lungScale(11 + jitter);
  const lScale = lungScale(13 + jitter);
  let lungs: Mask | null = null;
  if (rScale > 0.2 || lScale > 0.2) {
    const right = rScale > 0.2 ? ellipseMask(N, N, 38, 62, 20 * rScale, 30 * rScale) : null;
    const left = lScale > 0.2 ? ellipseMask(N, N, 90, 62, 19 * lScale, 29 * lScale) : null;
    lungs = { width: N, height: N, data: new Uint8Array(N * N) };
    for (let i = 0; i < hu.length; i++) if (right?.data[i] || left?.data[i]) lungs.data[i] = 1;
  }
  const liverScale = z >= 9 + jitter ? Math.min(1, (z - 8 - jitter) / 5) : 0;
  let liver: Mask | null = null;
  if (liverScale > 0) {
    liver = ellipseMask(N, N, 44, 66, 30 * liverScale + 4, 28 * liverScale + 4, 0.3);
    for (let i = 0; i < hu.length; i++) if (liver.data[i] && !lungs?.data[i]) hu[i] = 60;
  }
  if (lungs) {
    for (let i = 0; i < hu.length; i++) {
      if (!lungs.data[i]) continue;
      hu[i] = -850;
      if (liver) liver.data[i] = 0; // where lung overlies the dome, the slice shows lung, not liver
    }
  }
  if (z < 12) {
    const heart = ellipseMask(N, N, 70, 52, 18, 14);
    for (let i = 0; i < hu.length; i++) if (heart.data[i]) hu[i] = 40;
  } else if (z >= 14) {
    const spleen = ellipseMask(N, N, 98, 80, 12, 16);
    const stomach = ellipseMask(N, N, 84, 52, 14, 10);
    for (let i = 0; i < hu.length; i++) if (spleen.data[i]) hu[i] = 50;
    for (let i = 0; i < hu.length; i++) if (stomach.data[i]) hu[i] = -900; // gas in the fundus
  }
  const aorta = ellipseMask(N, N, 70, 88, 5, 5);
  const vertebra = ellipseMask(N, N, 64, 98, 8, 8);
  const cortex = ellipseMask(N, N, 64, 98, 10, 10);
  for (let i = 0; i < hu.length; i++) {
    if (cortex.data[i]) hu[i] = vertebra.data[i] ? 250 : 700;
    if (aorta.data[i]) hu[i] = 45;
  }
  // Organ masks keep only the pixels that show the organ (the heart and vertebra overlie lung edges).
  if (lungs) for (let i = 0; i < hu.length; i++) lungs.data[i] = lungs.data[i]! & (hu[i] === -850 ? 1 : 0);
  if (liver) for (let i = 0; i < hu.length; i++) liver.data[i] = liver.data[i]! & (hu[i] === 60 ? 1 : 0);
  // Liver lesions keep 3 px of liver around them; lung nodules 4 px of lung (clear of the pleura).
  return { hu, lungs, liver, room: { liver: liver ? erodeMask(liver, 3) : null, lung: lungs ? erodeMask(lungs, 4) : null } };
}

export function generateCt(rng: LabRandom, label: string, difficulty: number): DicomStudy {
  const jitter = rng.int(-1, 1);
  const slices = Array.from({ length: SLICES }, (_, z) => anatomyTemplate(z, jitter));
  // Pulmonary vessels: short bright dots scattered in the lungs.
  for (const s of slices) {
    if (!s.lungs) continue;
    for (let k = 0; k < 25; k++) {
      const i = rng.int(0, N * N - 1);
      if (s.lungs.data[i]) s.hu[i] = rng.range(-500, -100);
    }
  }

  let lesion: VolumeLesion | null = null;
  const parts: string[] = ['Axial CT of the lower chest and upper abdomen, 5 mm slices.'];
  if (label !== 'normal') {
    const liver = label === 'liver lesion';
    const r = liver ? byDifficulty(difficulty, 9, 3) : byDifficulty(difficulty, 4.5, 2.2);
    const rz = Math.max(1, (r * SPACING) / THICKNESS);
    const [lo, hi] = CT_LESION_HU[label]!;
    const target = liver ? byDifficulty(difficulty, lo + 16, hi - 16) : byDifficulty(difficulty, hi - 16, lo + 16);
    const room = slices.map((s) => (liver ? s.room.liver : s.room.lung));
    for (let attempt = 0; attempt < 400 && !lesion; attempt++) {
      const cz = liver ? rng.range(14, 21) : rng.range(2, 9);
      // Centre drawn from the allowed pixels of the central slice, so few candidates are rejected.
      const centre = pickPixel(rng, room[Math.round(cz)]);
      if (!centre) continue;
      const [cx, cy] = centre;
      const candidate = rasteriseLesion(rng, N, SLICES, cx, cy, cz, r, rz);
      const ok = candidate.slices.every((m, z) => !m || (room[z] !== null && maskWithin(m, room[z]!)));
      if (ok && candidate.slices.some((m) => m)) lesion = candidate;
    }
    if (!lesion) throw new Error(`phantom lab: no room for a ${label}`);
    lesion.slices.forEach((m, z) => {
      if (!m) return;
      const s = slices[z]!;
      for (let i = 0; i < s.hu.length; i++) if (m.data[i]) s.hu[i] = target;
    });
    const where = liver ? 'right hepatic lobe' : lesion.cx < 64 ? 'right lower lobe' : 'left lower lobe';
    const first = lesion.slices.findIndex((m) => m) + 1;
    const last = lesion.slices.length - [...lesion.slices].reverse().findIndex((m) => m);
    const size = mm(2 * r, SPACING);
    parts.push(
      liver
        ? `A round, well-defined hypodense lesion of about ${size} mm (mean ~${Math.round(target)} HU against ~60 HU liver) ` +
            `lies in the ${where}, on slices ${first}–${last}: a focal liver lesion.`
        : `A solid, round soft-tissue nodule of about ${size} mm (~${Math.round(target)} HU) lies in the ${where}, ` +
            `surrounded by aerated lung, on slices ${first}–${last}: a lung nodule.`,
    );
  } else {
    parts.push('Lungs clear without nodules; liver of homogeneous attenuation without focal lesion: a normal study.');
  }

  const frames: GreyFrame[] = slices.map((s, z) => {
    const values = new Uint16Array(N * N);
    for (let i = 0; i < values.length; i++) {
      values[i] = Math.max(0, Math.min(4095, Math.round(s.hu[i]! + rng.bounded(NOISE) + 1024)));
    }
    const m = lesion?.slices[z];
    return { width: N, height: N, values, findings: m ? [makeFinding(label, m, label === 'liver lesion' ? 'darker' : 'brighter', CT_LESION_HU[label])] : [] };
  });
  const lungWindow = label === 'lung nodule';
  return {
    format: 'dicom',
    domain: 'ct',
    labels: [label],
    reasoning: parts.join(' '),
    difficulty,
    measurements: lesion ? { diameterMm: mm(2 * lesion.r, SPACING) } : {},
    series: {
      modality: 'CT',
      sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
      bodyPart: 'ABDOMEN',
      studyDescription: 'CT chest/abdomen (phantom)',
      seriesDescription: 'Axial 5 mm',
      bitsAllocated: 16,
      bitsStored: 12,
      pixelSpacing: [SPACING, SPACING],
      spacingAttribute: 'PixelSpacing',
      rescale: { slope: 1, intercept: -1024, type: 'HU' },
      // Soft-tissue window first (L40/W400), lung window second; lung first for a nodule study.
      window: lungWindow ? { center: [-600, 40], width: [1500, 400] } : { center: [40, -600], width: [400, 1500] },
      volume: { thickness: THICKNESS, spacing: THICKNESS, origin: [-(N * SPACING) / 2, -(N * SPACING) / 2, 0] },
      extra: [
        { tag: 0x00180060, vr: 'DS', value: 120 },
        { tag: 0x00185100, vr: 'CS', value: 'HFS' },
      ],
    },
    frames,
    keyFrame: lesion ? largestSlice(lesion) : SLICES / 2,
  };
}
