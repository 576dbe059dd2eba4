/** AdamW hyper-parameters (Loshchilov & Hutter: weight decay decoupled from the adaptive step). */
export interface AdamWConfig {
  readonly type: 'adamw';
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
}

/** Graph tensor names of one parameter's state in a training-step graph. */
export interface ParamStateNames {
  readonly param: string; // input: current value
  readonly m: string; // input: first moment
  readonly v: string; // input: second moment
  readonly next: string; // output: updated value
  readonly mNext: string; // output
  readonly vNext: string; // output
}

export function paramStateNames(param: string): ParamStateNames {
  return { param, m: `${param}.m`, v: `${param}.v`, next: `${param}.next`, mNext: `${param}.m.next`, vNext: `${param}.v.next` };
}

/** Fixed input/output names of every training-step graph besides the per-parameter ones. */
export const TRAINING_STEP = {
  step: 'step', // input: 1-based update count t, as a float scalar (bias correction 1 − βᵗ)
  lr: 'lr', // input: learning rate, a float scalar so schedules need no new graph
  loss: 'loss', // output
  gradNorm: 'grad_norm', // output: global L2 norm of the gradients before clipping
} as const;
