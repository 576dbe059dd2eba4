/**
 * Brain MRI volume (T2-weighted, 128² × 20 slices, 1.8 mm pixels, 6 mm slices, 12-bit). Scalp fat,
 * dark skull, grey-matter rim, white matter, bright CSF in the lateral ventricles. Findings: tumour
 * (T2-hyperintense mass with a less intense rim of vasogenic oedema), haemorrhage (T2-hypointense
 * deoxyhaemoglobin core with a thin bright oedema rim), or normal.
 */
import { byDifficulty, type LabRandom } from '../LabRandom';
import { mm } from '../describe';
import { makeFinding } from '../finding';
import type { DicomStudy, GreyFrame, Mask } from '../labTypes';
import { addNoise, quantise } from '../raster/field';
import { dilateMask, ellipseMask, erodeMask, maskWithin, pickPixel, subtractMask } from '../raster/mask';
import { largestSlice, rasteriseLesion, type VolumeLesion } from './volumeLesion';

export const MRI_LABELS = ['tumour', 'haemorrhage', 'normal'] as const;

const N = 128;
const SLICES = 20;
const SPACING = 1.8;
const GAP = 6;
/** T2 signal levels (fraction of full scale). */
const T2 = { scalp: 0.55, skull: 0.04, grey: 0.5, white: 0.38, csf: 0.92, tumour: 0.85, oedema: 0.62, bleed: 0.1 } as const;

interface BrainSlice {
  img: Float32Array;
  white: Mask | null;
  ventricles: Mask | null;
  /** White matter with room for an oedema rim (3 px) and 5 px clear of the ventricles. */
  room: Mask | null;
}

/** The anatomy depends only on the slice index: built once per process, copied per study. */
const TEMPLATES: BrainSlice[] = [];

function brainTemplate(z: number): BrainSlice {
  const t = (TEMPLATES[z] ??= brainSlice(z));
  return { ...t, img: new Float32Array(t.img) };
}

function brainSlice(z: number): BrainSlice {
  const img = new Float32Array(N * N);
  // The head is an ellipsoid: slices far from the middle cut a smaller circle.
  const t = (z - SLICES / 2 + 0.5) / (SLICES / 2 + 1);
  const s = Math.sqrt(Math.max(0, 1 - t * t));
  if (s < 0.2) return { img, white: null, ventricles: null, room: null };
  const head = ellipseMask(N, N, 64, 64, 54 * s, 62 * s);
  const skull = erodeMask(head, 3);
  const brain = erodeMask(skull, 3);
  const white = erodeMask(brain, 4);
  for (let i = 0; i < img.length; i++) {
    if (white.data[i]) img[i] = T2.white;
    else if (brain.data[i]) img[i] = T2.grey;
    else if (skull.data[i]) img[i] = T2.skull;
    else if (head.data[i]) img[i] = T2.scalp;
  }
  let ventricles: Mask | null = null;
  if (Math.abs(t) < 0.45) {
    const right = ellipseMask(N, N, 57, 62, 4, 16 * s, -0.15);
    const left = ellipseMask(N, N, 71, 62, 4, 16 * s, 0.15);
    ventricles = { width: N, height: N, data: right.data.map((v, i) => v | left.data[i]!) };
    for (let i = 0; i < img.length; i++) if (ventricles.data[i]) img[i] = T2.csf;
  }
  const inner = erodeMask(white, 3);
  return { img, white, ventricles, room: ventricles ? subtractMask(inner, dilateMask(ventricles, 5)) : inner };
}

export function generateMri(rng: LabRandom, label: string, difficulty: number): DicomStudy {
  const slices = Array.from({ length: SLICES }, (_, z) => brainTemplate(z));
  let lesion: VolumeLesion | null = null;
  const parts = ['Axial T2-weighted MRI of the brain.'];
  if (label !== 'normal') {
    const tumour = label === 'tumour';
    const r = tumour ? byDifficulty(difficulty, 14, 5) : byDifficulty(difficulty, 10, 4);
    const rz = Math.max(1.2, (r * SPACING) / GAP);
    const room = slices.map((sl) => sl.room);
    for (let attempt = 0; attempt < 400 && !lesion; attempt++) {
      const cz = rng.range(5, 14);
      // Centre drawn from the allowed pixels of the central slice, so few candidates are rejected.
      const centre = pickPixel(rng, room[Math.round(cz)]);
      if (!centre) continue;
      const candidate = rasteriseLesion(rng, N, SLICES, centre[0], centre[1], cz, r, rz);
      const ok = candidate.slices.every((m, z) => !m || (room[z] !== null && maskWithin(m, room[z]!)));
      if (ok && candidate.slices.some((m) => m)) lesion = candidate;
    }
    if (!lesion) throw new Error(`phantom lab: no room for a ${label}`);
    const core = tumour ? byDifficulty(difficulty, T2.tumour, 0.58) : byDifficulty(difficulty, T2.bleed, 0.26);
    const rim = tumour ? byDifficulty(difficulty, T2.oedema, 0.46) : 0.55;
    lesion.slices.forEach((m, z) => {
      if (!m) return;
      const img = slices[z]!.img;
      const edge = subtractMask(dilateMask(m, tumour ? 2 : 1), m);
      for (let i = 0; i < img.length; i++) {
        if (m.data[i]) img[i] = core;
        else if (edge.data[i]) img[i] = rim;
      }
    });
    const side = lesion.cx < 64 ? 'right' : 'left';
    const lobe = lesion.cy < 52 ? 'frontal' : lesion.cy > 76 ? 'occipital' : 'parietal';
    const size = mm(2 * r, SPACING);
    const first = lesion.slices.findIndex((m) => m) + 1;
    const last = lesion.slices.length - [...lesion.slices].reverse().findIndex((m) => m);
    parts.push(
      tumour
        ? `A ${size} mm T2-hyperintense mass in the ${side} ${lobe} white matter (slices ${first}–${last}) with a rim of ` +
            `surrounding vasogenic oedema and mild local mass effect: an intra-axial tumour.`
        : `A ${size} mm markedly T2-hypointense focus in the ${side} ${lobe} lobe (slices ${first}–${last}), from ` +
            `deoxyhaemoglobin, with a thin hyperintense oedema rim: an intraparenchymal haemorrhage.`,
    );
  } else {
    parts.push('Normal grey-white differentiation, symmetric ventricles, no mass, haemorrhage or oedema: a normal brain.');
  }
  const frames: GreyFrame[] = slices.map((s, z) => {
    // Thermal noise; magnitude images cannot go negative (Rician floor), clamped at quantisation.
    addNoise(rng, s.img, 0.012);
    const m = lesion?.slices[z];
    return { width: N, height: N, values: quantise(s.img, 3000), findings: m ? [makeFinding(label, m, label === 'tumour' ? 'brighter' : 'darker')] : [] };
  });
  return {
    format: 'dicom',
    domain: 'mri',
    labels: [label],
    reasoning: parts.join(' '),
    difficulty,
    measurements: lesion ? { diameterMm: mm(2 * lesion.r, SPACING) } : {},
    series: {
      modality: 'MR',
      sopClassUid: '1.2.840.10008.5.1.4.1.1.4',
      bodyPart: 'HEAD',
      studyDescription: 'MRI brain (phantom)',
      seriesDescription: 'Ax T2',
      bitsAllocated: 16,
      bitsStored: 12,
      pixelSpacing: [SPACING, SPACING],
      spacingAttribute: 'PixelSpacing',
      window: { center: [1500], width: [3000] },
      volume: { thickness: 5, spacing: GAP, origin: [-(N * SPACING) / 2, -(N * SPACING) / 2, 60] },
      extra: [
        { tag: 0x00180020, vr: 'CS', value: 'SE' },
        { tag: 0x00180021, vr: 'CS', value: 'SK' },
        { tag: 0x00180023, vr: 'CS', value: '2D' },
        { tag: 0x00180080, vr: 'DS', value: 4000 },
        { tag: 0x00180081, vr: 'DS', value: 100 },
        { tag: 0x00180087, vr: 'DS', value: 1.5 },
        { tag: 0x00185100, vr: 'CS', value: 'HFS' },
      ],
    },
    frames,
    keyFrame: lesion ? largestSlice(lesion) : SLICES / 2,
  };
}
