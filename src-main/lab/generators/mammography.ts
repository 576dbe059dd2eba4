/**
 * Mammogram (MG, 12-bit, 256 × 320, CC or MLO of one breast). Fatty background with patchy
 * fibroglandular density, a skin line and, on MLO, the pectoral muscle. Findings: mass (dense lobulated
 * or spiculated lesion) and calcifications (a cluster of tiny very bright specks), or normal.
 */
import { byDifficulty, type LabRandom } from '../LabRandom';
import { mm, third } from '../describe';
import { makeFinding } from '../finding';
import type { DicomStudy, LabFinding, Mask } from '../labTypes';
import { addNoise, paintMask, quantise, smoothNoise } from '../raster/field';
import { dilateMask, ellipseMask, emptyMask, erodeMask, lobulatedMask, maskWithin, subtractMask, unionMasks } from '../raster/mask';

export const MAMMOGRAPHY_LABELS = ['mass', 'calcifications', 'normal'] as const;

const W = 256;
const H = 320;
/** 0.8 mm pixels: the 256-px width spans a 20 cm compressed breast. */
const SPACING = 0.8;

interface Breast {
  image: Float32Array;
  breast: Mask;
  pectoral: Mask;
  chestWallX: number;
  laterality: 'R' | 'L';
  view: 'CC' | 'MLO';
}

function buildBreast(rng: LabRandom): Breast {
  const laterality = rng.chance(0.5) ? 'R' : 'L';
  const view = rng.chance(0.5) ? 'CC' : 'MLO';
  // Hanging convention: right breast with the chest wall on the image's right, left breast on its left.
  const chestWallX = laterality === 'R' ? W - 1 : 0;
  const depth = rng.range(180, 220);
  const cy = H / 2 + rng.range(-10, 10);
  const breast = ellipseMask(W, H, chestWallX, cy, depth, rng.range(135, 150));
  const pectoral = emptyMask(W, H);
  if (view === 'MLO') {
    // The pectoral muscle: a triangle from the upper chest-wall corner, as the MLO view includes it.
    const base = rng.range(70, 100);
    const height = rng.range(150, 200);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const d = Math.abs(x - chestWallX);
        if (d < base * (1 - y / height)) pectoral.data[y * W + x] = 1;
      }
    }
  }
  const image = new Float32Array(W * H).fill(0.02);
  const glandular = smoothNoise(rng, W, H, 6);
  const fine = smoothNoise(rng, W, H, 1);
  for (let i = 0; i < image.length; i++) {
    if (!breast.data[i]) continue;
    const x = i % W;
    // Fibroglandular tissue concentrates behind the nipple, fat dominates near the skin.
    const central = 1 - Math.abs(x - chestWallX) / depth;
    const density = 1 / (1 + Math.exp(-(glandular[i]! * 1.6 + central * 1.2 - 0.8)));
    image[i] = 0.32 + 0.22 * density + 0.015 * fine[i]!;
  }
  const skin = subtractMask(breast, erodeMask(breast, 2));
  paintMask(image, skin, (v) => v + 0.08);
  paintMask(image, pectoral, (v) => (v > 0.1 ? 0.68 : v));
  return { image, breast, pectoral, chestWallX, laterality, view };
}

function location(b: Breast, cx: number, cy: number): string {
  const depth = third(Math.abs(cx - b.chestWallX), 200, 0, ['anterior', 'middle', 'posterior']);
  const band = third(cy, 0, H, b.view === 'CC' ? ['outer', 'central', 'inner'] : ['upper', 'central', 'lower']);
  return `the ${band} ${b.laterality === 'R' ? 'right' : 'left'} breast, ${depth} depth`;
}

function place(rng: LabRandom, b: Breast, radius: number, build: (cx: number, cy: number) => Mask): { mask: Mask; cx: number; cy: number } {
  const allowed = subtractMask(erodeMask(b.breast, 8), dilateMask(b.pectoral, 4));
  for (let attempt = 0; attempt < 300; attempt++) {
    const cx = b.chestWallX === 0 ? rng.range(20, 170) : rng.range(W - 170, W - 20);
    const cy = rng.range(radius + 20, H - radius - 20);
    const mask = build(cx, cy);
    if (maskWithin(mask, allowed)) return { mask, cx, cy };
  }
  throw new Error('phantom lab: no room in the breast');
}

export function generateMammography(rng: LabRandom, label: string, difficulty: number): DicomStudy {
  const b = buildBreast(rng);
  const findings: LabFinding[] = [];
  const side = b.laterality === 'R' ? 'right' : 'left';
  const parts = [`${side[0]!.toUpperCase()}${side.slice(1)} ${b.view} mammogram, scattered fibroglandular density.`];
  if (label === 'mass') {
    const r = byDifficulty(difficulty, 14, 5);
    const spiculated = rng.chance(0.5);
    const lobes = spiculated
      ? [{ k: 9, amplitude: 0.22, phase: rng.range(0, 6.28) }, { k: 5, amplitude: 0.1, phase: rng.range(0, 6.28) }]
      : [{ k: 2, amplitude: 0.12, phase: rng.range(0, 6.28) }, { k: 3, amplitude: 0.06, phase: rng.range(0, 6.28) }];
    const { mask, cx, cy } = place(rng, b, r * 1.4, (x, y) => lobulatedMask(W, H, x, y, r, lobes));
    const contrast = byDifficulty(difficulty, 0.3, 0.12);
    paintMask(b.image, mask, (v) => v + contrast);
    findings.push(makeFinding('mass', mask, 'brighter'));
    parts.push(
      `In ${location(b, cx, cy)} there is a ${spiculated ? 'spiculated' : 'lobulated'} high-density mass of about ` +
        `${mm(2 * r, SPACING)} mm that does not fade into the surrounding parenchyma; this is a mass.`,
    );
  } else if (label === 'calcifications') {
    const spread = byDifficulty(difficulty, 13, 7);
    const count = Math.round(byDifficulty(difficulty, 14, 6));
    const { mask, cx, cy } = place(rng, b, spread + 3, (x, y) => {
      const specks: Mask[] = [];
      for (let k = 0; k < count; k++) {
        const a = rng.range(0, 2 * Math.PI);
        const d = spread * Math.sqrt(rng.next());
        specks.push(ellipseMask(W, H, x + d * Math.cos(a), y + d * Math.sin(a), rng.range(0.8, 1.5), rng.range(0.8, 1.5)));
      }
      return unionMasks(W, H, specks);
    });
    const brightness = byDifficulty(difficulty, 0.5, 0.28);
    paintMask(b.image, mask, (v) => v + brightness);
    findings.push(makeFinding('calcifications', mask, 'brighter'));
    parts.push(
      `In ${location(b, cx, cy)} there is a cluster of ${count} punctate and pleomorphic very high-density specks within ` +
        `${mm(2 * spread, SPACING)} mm; these are grouped calcifications.`,
    );
  } else {
    parts.push('No mass, architectural distortion or suspicious calcifications: a normal mammogram.');
  }
  addNoise(rng, b.image, 0.006);
  const values = quantise(b.image, 4095);
  return {
    format: 'dicom',
    domain: 'mammography',
    labels: [label],
    reasoning: parts.join(' '),
    difficulty,
    measurements: {},
    series: {
      modality: 'MG',
      sopClassUid: '1.2.840.10008.5.1.4.1.1.1.2',
      bodyPart: 'BREAST',
      studyDescription: 'Mammography (phantom)',
      seriesDescription: `${b.laterality} ${b.view}`,
      bitsAllocated: 16,
      bitsStored: 12,
      pixelSpacing: [SPACING, SPACING],
      spacingAttribute: 'ImagerPixelSpacing',
      window: { center: [2048], width: [4096] },
      extra: [
        { tag: 0x00080068, vr: 'CS', value: 'FOR PRESENTATION' },
        { tag: 0x00185101, vr: 'CS', value: b.view },
        { tag: 0x00200020, vr: 'CS', value: b.laterality === 'R' ? 'P\\L' : 'A\\R' },
        { tag: 0x00200062, vr: 'CS', value: b.laterality },
      ],
    },
    frames: [{ width: W, height: H, values, findings }],
    keyFrame: 0,
  };
}
