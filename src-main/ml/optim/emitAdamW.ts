import type { Tensor } from '../graph/index.js';
import type { GradEmitter } from '../autodiff/index.js';
import type { AdamWConfig } from './AdamWConfig.js';

export interface AdamWState {
  readonly param: Tensor;
  readonly grad: Tensor; // already clipped
  readonly m: Tensor;
  readonly v: Tensor;
}

/** Per-step scalars shared by every parameter's update. */
export interface AdamWScalars {
  readonly lr: Tensor;
  readonly biasCorrection1: Tensor; // 1 − β₁ᵗ
  readonly biasCorrection2: Tensor; // 1 − β₂ᵗ
}

/** 1 − β₁ᵗ and 1 − β₂ᵗ from the float step input t (computed once per graph, not per parameter). */
export function emitBiasCorrections(em: GradEmitter, config: AdamWConfig, step: Tensor): Pick<AdamWScalars, 'biasCorrection1' | 'biasCorrection2'> {
  const one = em.scalar(1, step.dtype);
  const correction = (beta: number): Tensor => em.sub(one, em.op('Pow', [em.scalar(beta, step.dtype), step]));
  return { biasCorrection1: correction(config.beta1), biasCorrection2: correction(config.beta2) };
}

/**
 * One AdamW update, exactly as in the decoupled-weight-decay paper / torch.optim.AdamW:
 *   m′ = β₁m + (1 − β₁)g          v′ = β₂v + (1 − β₂)g²
 *   m̂ = m′ / (1 − β₁ᵗ)            v̂ = v′ / (1 − β₂ᵗ)
 *   p′ = p − lr · (m̂ / (√v̂ + ε) + λ·p)
 * λ (weightDecay) multiplies the current p, not the gradient: that is what "decoupled" means.
 */
export function emitAdamW(
  em: GradEmitter,
  config: AdamWConfig,
  s: AdamWState,
  k: AdamWScalars,
  weightDecay: number,
): { next: Tensor; mNext: Tensor; vNext: Tensor } {
  const dtype = s.param.dtype;
  const c = (value: number): Tensor => em.scalar(value, dtype);
  const mNext = em.add(em.mul(c(config.beta1), s.m), em.mul(c(1 - config.beta1), s.grad));
  const vNext = em.add(em.mul(c(config.beta2), s.v), em.mul(c(1 - config.beta2), em.mul(s.grad, s.grad)));
  const mHat = em.div(mNext, k.biasCorrection1);
  const vHat = em.div(vNext, k.biasCorrection2);
  let direction = em.div(mHat, em.add(em.op('Sqrt', [vHat]), c(config.eps)));
  if (weightDecay !== 0) direction = em.add(direction, em.mul(c(weightDecay), s.param));
  const next = em.sub(s.param, em.mul(k.lr, direction));
  return { next, mNext, vNext };
}
