/**
 * Chest radiograph (DX 12-bit or CR 8-bit, 256²). Findings: nodule (round opacity in a lung), pleural
 * effusion (dense lower zone with a meniscus rising laterally, costophrenic angle lost), pneumothorax
 * (apical-lateral lucent rim without lung markings, visceral pleural line at the collapsed lung's edge),
 * cardiomegaly (cardiothoracic ratio > 0.5), normal.
 */
import { byDifficulty, type LabRandom } from '../LabRandom';
import { mm, third } from '../describe';
import { makeFinding } from '../finding';
import type { DicomStudy, LabFinding } from '../labTypes';
import { addNoise, paintMask, quantise } from '../raster/field';
import { dilateMask, ellipseMask, emptyMask, erodeMask, intersectMasks, lobulatedMask, maskWithin, pickPixel, subtractMask } from '../raster/mask';
import { addRibs, buildChestPhantom, CXR_LEVELS, CXR_SIZE, CXR_SPACING_MM, type ChestPhantom, type Lung } from './chestPhantom';

export const CXR_LABELS = ['nodule', 'pleural effusion', 'pneumothorax', 'cardiomegaly', 'normal'] as const;

const N = CXR_SIZE;

function zoneOf(lung: Lung, y: number): string {
  return `${lung.side} ${third(y, lung.top, lung.bottom, ['upper', 'middle', 'lower'])} zone`;
}

function addNodule(rng: LabRandom, p: ChestPhantom, d: number): { finding: LabFinding; text: string } {
  const r = byDifficulty(d, 9, 2.5);
  const contrast = byDifficulty(d, 0.26, 0.11);
  // dilate(nodule, 4) ⊂ lung  ⇔  nodule ⊂ erode(lung, 4); likewise for clearance from the heart.
  const room = p.lungs.map((l) => subtractMask(erodeMask(l.mask, 4), dilateMask(p.heart, 4)));
  for (let attempt = 0; attempt < 200; attempt++) {
    const side = rng.int(0, 1);
    const lung = p.lungs[side]!;
    const centre = pickPixel(rng, room[side]);
    if (!centre) continue;
    const [cx, cy] = centre;
    const mask = lobulatedMask(N, N, cx, cy, r, [{ k: 3, amplitude: 0.08, phase: rng.range(0, 6.28) }]);
    // Fully inside aerated lung, clear of the heart border: a lesion surrounded by lung on all sides.
    if (!maskWithin(mask, room[side]!)) continue;
    paintMask(p.image, mask, (v, i) => {
      const rho = Math.hypot((i % N) - cx, Math.floor(i / N) - cy) / r;
      return v + contrast * (0.75 + 0.25 * Math.max(0, 1 - rho * rho));
    });
    const text =
      `A well-defined round opacity of about ${mm(2 * r, CXR_SPACING_MM)} mm projects over the ${zoneOf(lung, cy)}, ` +
      `surrounded by aerated lung and separate from the hilum and the heart border; this is a pulmonary nodule.`;
    return { finding: makeFinding('nodule', mask, 'brighter'), text };
  }
  throw new Error('phantom lab: no room for a nodule');
}

function addEffusion(rng: LabRandom, p: ChestPhantom, d: number): { finding: LabFinding; text: string } {
  const lung = rng.pick(p.lungs);
  const height = byDifficulty(d, 0.45, 0.14) * (lung.bottom - lung.top);
  const level = lung.bottom - height;
  const lateralX = lung.side === 'right' ? lung.cx - lung.rx : lung.cx + lung.rx;
  const region = emptyMask(N, N);
  for (let y = 0; y < N; y++) {
    for (let x = 0; x < N; x++) {
      // Meniscus: fluid climbs the lateral chest wall, so the upper border curves up toward the side.
      const lateralness = 1 - Math.min(1, Math.abs(x - lateralX) / (2 * lung.rx));
      if (y >= level - 12 * lateralness ** 2) region.data[y * N + x] = 1;
    }
  }
  const mask = subtractMask(intersectMasks(region, lung.mask), p.heart);
  const opacity = byDifficulty(d, 1, 0.9);
  paintMask(p.image, mask, (v) => v * (1 - opacity) + 0.64 * opacity);
  const text =
    `The ${lung.side} costophrenic angle is blunted: a homogeneous opacity fills the ${lung.side} lower zone up to ` +
    `about ${mm(height, CXR_SPACING_MM)} mm above the base, with a concave meniscus rising along the lateral chest wall ` +
    `and loss of the ${lung.side} hemidiaphragm outline; this is a ${lung.side} pleural effusion.`;
  return { finding: makeFinding('pleural effusion', mask, 'brighter'), text };
}

function addPneumothorax(rng: LabRandom, p: ChestPhantom, d: number): { finding: LabFinding; text: string } {
  const lung = rng.pick(p.lungs);
  const depth = byDifficulty(d, 15, 5);
  const towardMedial = lung.side === 'right' ? 1 : -1;
  // The collapsed lung: the same lung shrunk away from apex and lateral wall.
  const collapsed = intersectMasks(
    ellipseMask(N, N, lung.cx + towardMedial * depth * 0.6, lung.cy + depth * 0.7, lung.rx - depth * 0.6, lung.ry - depth * 0.7),
    lung.mask,
  );
  const upper = emptyMask(N, N);
  for (let i = 0; i < upper.data.length; i++) upper.data[i] = Math.floor(i / N) < lung.cy + lung.ry * 0.35 ? 1 : 0;
  const mask = subtractMask(intersectMasks(subtractMask(lung.mask, collapsed), upper), p.heart);
  const lucency = byDifficulty(d, 0.12, 0.07);
  // No vessels cross the pleural space: flat, darker than lung, markings gone.
  paintMask(p.image, mask, () => CXR_LEVELS.lung - lucency);
  // The visceral pleural line: a thin white line at the edge of the collapsed lung.
  const edge = intersectMasks(subtractMask(dilateMask(mask, 1), mask), collapsed);
  paintMask(p.image, edge, (v) => v + 0.06);
  const text =
    `Along the ${lung.side} apex and lateral chest wall there is a lucent rim about ${mm(depth, CXR_SPACING_MM)} mm deep ` +
    `devoid of lung markings, bounded medially by a thin visceral pleural line; this is a ${lung.side} pneumothorax.`;
  return { finding: makeFinding('pneumothorax', mask, 'darker'), text };
}

export function generateCxr(rng: LabRandom, label: string, difficulty: number): DicomStudy {
  const ctr = label === 'cardiomegaly' ? byDifficulty(difficulty, 0.66, 0.54) : rng.range(0.38, 0.47);
  const p = buildChestPhantom(rng, ctr);
  const findings: LabFinding[] = [];
  const parts: string[] = ['Frontal (PA) chest radiograph, adequate inspiration, no rotation.'];
  if (label === 'nodule' || label === 'pleural effusion' || label === 'pneumothorax') {
    const add = label === 'nodule' ? addNodule : label === 'pleural effusion' ? addEffusion : addPneumothorax;
    const { finding, text } = add(rng, p, difficulty);
    findings.push(finding);
    parts.push(text);
  }
  addRibs(p);
  if (label === 'cardiomegaly') {
    findings.push(makeFinding('cardiomegaly', p.heart, 'brighter'));
    parts.push(
      `The cardiac silhouette is enlarged: its transverse diameter is ${p.ctr.toFixed(2)} of the internal thoracic width ` +
        `(cardiothoracic ratio > 0.5 on a PA film); the lungs are clear. This is cardiomegaly.`,
    );
  } else {
    parts.push(`Cardiothoracic ratio ${p.ctr.toFixed(2)}, within normal limits.`);
  }
  if (label === 'normal') parts.push('Lungs are clear, costophrenic angles are sharp, no pneumothorax: a normal chest radiograph.');
  // Quantum mottle of a radiograph.
  addNoise(rng, p.image, 0.008);
  const eightBit = rng.chance(0.4);
  const maxValue = eightBit ? 255 : 4095;
  const values = quantise(p.image, maxValue);
  return {
    format: 'dicom',
    domain: 'cxr',
    labels: [label],
    reasoning: parts.join(' '),
    difficulty,
    measurements: { ctr: p.ctr },
    series: {
      modality: eightBit ? 'CR' : 'DX',
      sopClassUid: eightBit ? '1.2.840.10008.5.1.4.1.1.1' : '1.2.840.10008.5.1.4.1.1.1.1',
      bodyPart: 'CHEST',
      studyDescription: 'Chest X-ray PA (phantom)',
      seriesDescription: 'PA',
      bitsAllocated: eightBit ? 8 : 16,
      bitsStored: eightBit ? 8 : 12,
      pixelSpacing: [CXR_SPACING_MM, CXR_SPACING_MM],
      spacingAttribute: 'ImagerPixelSpacing',
      window: { center: [(maxValue + 1) / 2], width: [maxValue + 1] },
      extra: [
        // Presentation Intent belongs to the DX IOD only.
        ...(eightBit ? [] : [{ tag: 0x00080068, vr: 'CS' as const, value: 'FOR PRESENTATION' }]),
        { tag: 0x00185101, vr: 'CS', value: 'PA' },
        { tag: 0x00200020, vr: 'CS', value: 'L\\F' },
      ],
    },
    frames: [{ width: N, height: N, values, findings }],
    keyFrame: 0,
  };
}
