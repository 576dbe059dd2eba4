/**
 * Dermoscopy photo (RGB 256², PNG). Skin seen through the dermatoscope's round field (dark corners).
 * Melanoma-like: asymmetric, irregular notched border, several colours (dark brown, black, blue-grey veil,
 * red). Nevus-like: symmetric, round or oval, regular border, one or two shades of brown with a faint
 * network. Difficulty pulls the two toward each other (less irregular melanoma, larger two-tone nevus).
 */
import { byDifficulty, type LabRandom } from '../LabRandom';
import { listPhrase, mm } from '../describe';
import { makeFinding } from '../finding';
import type { PhotoStudy } from '../labTypes';
import { smoothNoise } from '../raster/field';
import { ellipseMask, lobulatedMask, maskBox, subtractMask } from '../raster/mask';
import { addColourNoise, blurOutside, filledPlanes, modulate, paintColour, toRgb8, type Colour } from '../raster/rgb';

export const SKIN_LABELS = ['melanoma', 'nevus'] as const;

const N = 256;
/** A 25 mm dermoscopic field over 256 px. */
const SPACING = 0.1;

const BROWN: Colour = [0.5, 0.32, 0.22];
const DARK_BROWN: Colour = [0.3, 0.18, 0.12];
const BLACK: Colour = [0.12, 0.09, 0.08];
const BLUE_GREY: Colour = [0.42, 0.46, 0.55];
const RED: Colour = [0.68, 0.32, 0.3];

export function generateSkin(rng: LabRandom, label: string, difficulty: number): PhotoStudy {
  const skinTone: Colour = [rng.range(0.82, 0.9), rng.range(0.64, 0.72), rng.range(0.54, 0.62)];
  const p = filledPlanes(N, N, skinTone);
  modulate(p, smoothNoise(rng, N, N, 8), 0.04);
  const melanoma = label === 'melanoma';
  const r0 = melanoma ? rng.range(42, 62) : byDifficulty(difficulty, 34, 52);
  const cx = N / 2 + rng.range(-15, 15);
  const cy = N / 2 + rng.range(-15, 15);
  const irregular = melanoma ? byDifficulty(difficulty, 0.22, 0.09) : byDifficulty(difficulty, 0.03, 0.07);
  const lesion = lobulatedMask(N, N, cx, cy, r0, [
    { k: 1, amplitude: melanoma ? irregular * 0.8 : 0, phase: rng.range(0, 6.28) }, // asymmetry
    { k: 2, amplitude: melanoma ? irregular : 0.08, phase: rng.range(0, 6.28) }, // oval
    { k: 5, amplitude: irregular * 0.6, phase: rng.range(0, 6.28) },
    { k: 11, amplitude: irregular * 0.35, phase: rng.range(0, 6.28) }, // notches
  ]);
  paintColour(p, lesion, BROWN);
  const pattern = smoothNoise(rng, N, N, 4);
  const colours: string[] = ['light brown'];
  if (melanoma) {
    // Colour regions from thresholds of one smooth field: blotches with fuzzy, uneven distribution.
    const regions: { colour: Colour; name: string; above: number }[] = [
      { colour: DARK_BROWN, name: 'dark brown', above: 0.2 },
      { colour: BLACK, name: 'black', above: 1.0 },
      { colour: BLUE_GREY, name: 'blue-grey', above: -1.1 },
      { colour: RED, name: 'red', above: -0.6 },
    ];
    const used = Math.round(byDifficulty(difficulty, 4, 2));
    const second = smoothNoise(rng, N, N, 6);
    regions.slice(0, used).forEach((reg, k) => {
      const field = k % 2 === 0 ? pattern : second;
      const sign = reg.above < 0 ? -1 : 1;
      const region = { width: N, height: N, data: lesion.data.map((v, i) => (v && sign * field[i]! > Math.abs(reg.above) ? 1 : 0)) };
      paintColour(p, region, reg.colour, () => 0.85);
      colours.push(reg.name);
    });
  } else {
    // A faint, regular pigment network and a slightly darker centre.
    const centre = ellipseMask(N, N, cx, cy, r0 * 0.5, r0 * 0.5);
    const twoTone = difficulty > 0.5;
    paintColour(p, centre, DARK_BROWN, () => (twoTone ? 0.45 : 0.25));
    if (twoTone) colours.push('darker brown centre');
    modulate(p, pattern, 0.06, lesion);
  }
  // The dermatoscope's round field of view: outside it the photo is nearly black.
  const field = ellipseMask(N, N, N / 2, N / 2, 124, 124);
  const outside = subtractMask({ width: N, height: N, data: new Uint8Array(N * N).fill(1) }, field);
  paintColour(p, outside, [0.03, 0.03, 0.03]);
  blurOutside(p, lesion, 1);
  addColourNoise(rng, p, 0.01);

  const box = maskBox(lesion)!;
  const size = `${mm(box[2] - box[0] + 1, SPACING)} × ${mm(box[3] - box[1] + 1, SPACING)} mm`;
  const reasoning = melanoma
    ? `Dermoscopy of a pigmented lesion of ${size} in the centre of the field. It is asymmetric in shape and colour, ` +
      `the border is irregular with notches, and it shows ${colours.length} colours (${listPhrase(colours)}): ` +
      `multicomponent asymmetric pattern, features of melanoma.`
    : `Dermoscopy of a pigmented lesion of ${size} in the centre of the field. It is symmetric, round to oval, with a ` +
      `regular sharp border, a uniform regular network and ${listPhrase(colours)} colour only: a benign melanocytic nevus.`;
  return {
    format: 'photo',
    domain: 'skin',
    modality: 'XC',
    labels: [label],
    reasoning,
    difficulty,
    measurements: { colours: colours.length },
    frame: { width: N, height: N, rgb: toRgb8(p), findings: [makeFinding(label, lesion, 'darker')] },
  };
}
