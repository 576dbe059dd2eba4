/**
 * Breast ultrasound (US, 8-bit B-mode, 256², linear probe). Layers from the skin down: echogenic skin
 * line, hypoechoic subcutaneous fat, echogenic fibroglandular tissue, pectoralis with fibre striations.
 * Speckle is multiplicative Rayleigh noise, laterally elongated as a linear probe's point spread is.
 * Findings: cyst (anechoic, smooth wall, wider than tall, posterior acoustic enhancement) and solid mass
 * (hypoechoic, irregular, heterogeneous, taller than wide, posterior shadowing).
 */
import { byDifficulty, type LabRandom } from '../LabRandom';
import { mm, third } from '../describe';
import { makeFinding } from '../finding';
import type { DicomStudy, LabFinding, Mask } from '../labTypes';
import { boxBlur, quantise, smoothNoise } from '../raster/field';
import { ellipseMask, lobulatedMask, maskBox } from '../raster/mask';

export const ULTRASOUND_LABELS = ['cyst', 'solid mass'] as const;

const N = 256;
/** 0.2 mm pixels: a 5 cm field of view, typical of a high-frequency breast probe. */
const SPACING = 0.2;

/** Mean echogenicity by depth (rows). */
function layerEchogenicity(y: number, fatEnd: number, glandEnd: number): number {
  if (y < 6) return 0.85;
  if (y < fatEnd) return 0.3;
  if (y < glandEnd) return 0.62;
  return 0.45;
}

function speckle(rng: LabRandom): Float32Array {
  const a = new Float32Array(N * N);
  const b = new Float32Array(N * N);
  for (let i = 0; i < a.length; i++) {
    a[i] = rng.normal();
    b[i] = rng.normal();
  }
  const sa = boxBlur(a, N, N, 1, 1);
  const sb = boxBlur(b, N, N, 1, 1);
  // Envelope of a complex Gaussian field: Rayleigh distributed, mean normalised to 1 below.
  const out = new Float32Array(N * N);
  let mean = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.hypot(sa[i]!, sb[i]!);
    mean += out[i]!;
  }
  mean /= out.length;
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / mean;
  return out;
}

export function generateUltrasound(rng: LabRandom, label: string, difficulty: number): DicomStudy {
  const fatEnd = rng.range(30, 50);
  const glandEnd = rng.range(195, 215);
  const texture = smoothNoise(rng, N, N, 3);
  const tissue = new Float32Array(N * N);
  for (let i = 0; i < tissue.length; i++) {
    const y = Math.floor(i / N);
    const striation = y >= glandEnd ? 0.12 * Math.sin(y * 0.9 + (i % N) * 0.05) : 0;
    tissue[i] = layerEchogenicity(y, fatEnd, glandEnd) * (1 + 0.18 * texture[i]! + striation);
  }

  const cyst = label === 'cyst';
  const r = byDifficulty(difficulty, 30, 11);
  const cx = rng.range(70, 186);
  // The lobulated solid mass reaches ~1.2 r vertically: keep it and its ring inside glandular tissue.
  const cy = rng.range(fatEnd + 1.3 * r + 8, glandEnd - 1.3 * r - 8);
  const mask: Mask = cyst
    ? ellipseMask(N, N, cx, cy, r, r * rng.range(0.6, 0.75), rng.range(-0.2, 0.2))
    : lobulatedMask(N, N, cx, cy, r * 0.85, [
        { k: 2, amplitude: 0.2, phase: Math.PI / 2 }, // taller than wide
        { k: 7, amplitude: 0.12, phase: rng.range(0, 6.28) }, // angular, microlobulated margin
        { k: 3, amplitude: 0.08, phase: rng.range(0, 6.28) },
      ]);
  const box = maskBox(mask)!;
  const bottom = box[3];
  // Posterior acoustic enhancement (fluid attenuates less) or shadowing (solid tissue attenuates more).
  const posterior = cyst ? byDifficulty(difficulty, 0.55, 0.25) : -byDifficulty(difficulty, 0.45, 0.2);
  const inside = cyst ? byDifficulty(difficulty, 0.03, 0.12) : byDifficulty(difficulty, 0.3, 0.48);
  const heterogeneity = smoothNoise(rng, N, N, 2);
  for (let i = 0; i < tissue.length; i++) {
    const x = i % N;
    const y = Math.floor(i / N);
    if (mask.data[i]) {
      tissue[i] = cyst ? inside : inside * (1 + 0.25 * heterogeneity[i]!);
    } else if (y > bottom && x >= box[0] && x <= box[2]) {
      const fade = Math.exp(-(y - bottom) / 90);
      tissue[i] = tissue[i]! * (1 + posterior * fade);
    }
  }

  const sp = speckle(rng);
  const image = new Float32Array(N * N);
  for (let i = 0; i < image.length; i++) {
    const y = Math.floor(i / N);
    // Time-gain compensation never quite flattens attenuation: a gentle fall-off with depth.
    image[i] = Math.max(0, tissue[i]! * sp[i]! * (1 - 0.15 * (y / N)));
  }
  // Log compression as the scanner does before display, mapped to 8 bits.
  for (let i = 0; i < image.length; i++) image[i] = Math.log1p(4 * image[i]!) / Math.log1p(4 * 1.6);

  const findings: LabFinding[] = [makeFinding(label, mask, 'darker')];
  const w = mm(box[2] - box[0] + 1, SPACING);
  const h = mm(box[3] - box[1] + 1, SPACING);
  const position = `${third(cx, 0, N, ['left', 'central', 'right'])} part of the field at ${mm(cy, SPACING)} mm depth`;
  const reasoning = cyst
    ? `Breast ultrasound. In the ${position} there is an oval, circumscribed, anechoic lesion of ${w} × ${h} mm, ` +
      `wider than tall, with a thin smooth wall and posterior acoustic enhancement; these are the features of a simple cyst.`
    : `Breast ultrasound. In the ${position} there is an irregular, hypoechoic, heterogeneous lesion of ${w} × ${h} mm ` +
      `with an angular, microlobulated margin, taller than wide, casting a posterior acoustic shadow; this is a solid mass.`;
  return {
    format: 'dicom',
    domain: 'ultrasound',
    labels: [label],
    reasoning,
    difficulty,
    measurements: { widthMm: w, heightMm: h },
    series: {
      modality: 'US',
      sopClassUid: '1.2.840.10008.5.1.4.1.1.6.1',
      bodyPart: 'BREAST',
      studyDescription: 'Breast ultrasound (phantom)',
      seriesDescription: 'B-mode',
      bitsAllocated: 8,
      bitsStored: 8,
      pixelSpacing: [SPACING, SPACING],
      spacingAttribute: 'PixelSpacing',
      window: { center: [128], width: [256] },
      extra: [],
    },
    frames: [{ width: N, height: N, values: quantise(image, 255), findings }],
    keyFrame: 0,
  };
}
