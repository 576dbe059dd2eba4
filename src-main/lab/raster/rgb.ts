/**
 * Colour photos as three float planes in [0, 1] (R, G, B), so lesions can be painted per channel and the
 * result quantised once.
 */
import type { LabRandom } from '../LabRandom';
import type { Mask } from '../labTypes';
import { boxBlur } from './field';

export interface RgbPlanes {
  width: number;
  height: number;
  r: Float32Array;
  g: Float32Array;
  b: Float32Array;
}

export type Colour = [number, number, number];

export function filledPlanes(width: number, height: number, colour: Colour): RgbPlanes {
  const n = width * height;
  return { width, height, r: new Float32Array(n).fill(colour[0]), g: new Float32Array(n).fill(colour[1]), b: new Float32Array(n).fill(colour[2]) };
}

/** Blends `colour` into the masked pixels with weight alpha(index) (1 = replace). */
export function paintColour(p: RgbPlanes, mask: Mask, colour: Colour, alpha: (index: number) => number = () => 1): void {
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    const a = alpha(i);
    p.r[i] = p.r[i]! * (1 - a) + colour[0] * a;
    p.g[i] = p.g[i]! * (1 - a) + colour[1] * a;
    p.b[i] = p.b[i]! * (1 - a) + colour[2] * a;
  }
}

/** Multiplies every channel by (1 + amount·texture): illumination and pigment variation. */
export function modulate(p: RgbPlanes, texture: Float32Array, amount: number, mask?: Mask): void {
  for (let i = 0; i < texture.length; i++) {
    if (mask && !mask.data[i]) continue;
    const f = 1 + amount * texture[i]!;
    p.r[i] = p.r[i]! * f;
    p.g[i] = p.g[i]! * f;
    p.b[i] = p.b[i]! * f;
  }
}

export function addColourNoise(rng: LabRandom, p: RgbPlanes, sd: number): void {
  for (let i = 0; i < p.r.length; i++) {
    p.r[i] = p.r[i]! + rng.normal(0, sd);
    p.g[i] = p.g[i]! + rng.normal(0, sd);
    p.b[i] = p.b[i]! + rng.normal(0, sd);
  }
}

/** A mild optical blur outside the given mask (lens softness), leaving lesion pixels exactly as painted. */
export function blurOutside(p: RgbPlanes, keep: Mask | null, r: number): void {
  for (const plane of [p.r, p.g, p.b]) {
    const blurred = boxBlur(plane, p.width, p.height, r, 1);
    for (let i = 0; i < plane.length; i++) if (!keep || !keep.data[i]) plane[i] = blurred[i]!;
  }
}

/** Interleaved 8-bit RGB. */
export function toRgb8(p: RgbPlanes): Uint8Array {
  const out = new Uint8Array(p.r.length * 3);
  const q = (v: number): number => Math.round(Math.min(1, Math.max(0, v)) * 255);
  for (let i = 0; i < p.r.length; i++) {
    out[3 * i] = q(p.r[i]!);
    out[3 * i + 1] = q(p.g[i]!);
    out[3 * i + 2] = q(p.b[i]!);
  }
  return out;
}

/** Rec. 601 luma of interleaved RGB at pixel i. */
export function luma(rgb: Uint8Array, i: number): number {
  return 0.299 * rgb[3 * i]! + 0.587 * rgb[3 * i + 1]! + 0.114 * rgb[3 * i + 2]!;
}
