// Build-time checks shared by the loss builders: a wrong shape or dtype must fail at the line that
// wired it, not as a broadcast surprise inside ONNX Runtime (e.g. a (B) mask silently broadcasting
// against (B, S) log-probs would average the wrong tokens).
import { formatShape, sameShape, type DType, type Tensor } from '../graph/index.js';

export type FloatDType = Extract<DType, 'float32' | 'float64'>;

export function assertFloat(who: string, t: Tensor): FloatDType {
  if (t.dtype !== 'float32' && t.dtype !== 'float64') throw new Error(`${who}: '${t.name}' must be float32 or float64, got ${t.dtype}`);
  return t.dtype;
}

/** All of `tensors` float, of one dtype and one shape; returns that dtype. */
export function assertSameFloat(who: string, tensors: readonly Tensor[]): FloatDType {
  const first = tensors[0];
  if (first === undefined) throw new Error(`${who}: no tensors`);
  const dtype = assertFloat(who, first);
  for (const t of tensors) {
    if (t.dtype !== dtype) throw new Error(`${who}: '${t.name}' is ${t.dtype}, '${first.name}' is ${dtype}`);
    if (!sameShape(t.shape, first.shape)) {
      throw new Error(`${who}: '${t.name}' has shape ${formatShape(t.shape)}, '${first.name}' has ${formatShape(first.shape)}`);
    }
  }
  return dtype;
}

export function assertRank(who: string, t: Tensor, rank: number): void {
  if (t.shape.length !== rank) throw new Error(`${who}: '${t.name}' must have rank ${rank}, got ${formatShape(t.shape)}`);
}

export function assertFinite(who: string, name: string, value: number): void {
  if (!Number.isFinite(value)) throw new Error(`${who}: ${name} must be a finite number, got ${value}`);
}
