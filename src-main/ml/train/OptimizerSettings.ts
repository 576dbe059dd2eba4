import type { AdamWConfig } from '../optim/index.js';

/** Learning rate: a constant, or a schedule of the (1-based) trainer step. */
export type LearningRate = number | ((step: number) => number);

export const lrAt = (lr: LearningRate, step: number): number => (typeof lr === 'number' ? lr : lr(step));

/** AdamW as in the QoQ-Med runs (reference §5): β 0.9 / 0.999, weight decay 0.01. */
export const QOQ_MED_ADAMW: AdamWConfig = { type: 'adamw', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 };

/** Global gradient-norm clip of the reference trainer (verl's actor.grad_clip). */
export const QOQ_MED_GRAD_CLIP = 1.0;
