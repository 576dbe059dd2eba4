import { GraphBuilder, isFloat, type Graph, type Tensor } from '../graph/index.js';
import { appendGradients, GradEmitter, importGraph, pruneGraph } from '../autodiff/index.js';
import { paramStateNames, TRAINING_STEP, type AdamWConfig } from './AdamWConfig.js';
import { emitAdamW, emitBiasCorrections } from './emitAdamW.js';
import { emitClipScale, emitGlobalNorm } from './emitGlobalNorm.js';

export interface TrainingStepOptions {
  /** Scalar float loss tensor of `forwardWithLoss`. */
  readonly loss: string;
  /** Initializers to train. Initializers not listed stay constants of the graph (frozen). */
  readonly params: readonly string[];
  readonly optimizer: AdamWConfig;
  /** Clip gradients to this global L2 norm before the update. */
  readonly clipGlobalNorm?: number;
  /** Params updated without weight decay (biases and norm scales, by the usual convention). */
  readonly noWeightDecay?: readonly string[];
  /** Symbolic dim → size: the step graph is static, one per (batch, length) bucket. */
  readonly dims?: Readonly<Record<string, number>>;
}

/**
 * One AdamW training step as a single graph: forward + loss + backward + optimiser.
 *
 * Inputs, in order: the forward's inputs that the loss reads (batch data), every param `<p>` (was an
 * initializer), then `<p>.m`, `<p>.v` per param, then `step` (float, t = 1 on the first update) and
 * `lr` (float). Outputs: `loss`, `grad_norm` (before clipping), then `<p>.next`, `<p>.m.next`,
 * `<p>.v.next` per param. Params, moments, step and lr share the params' float dtype. Forward outputs
 * other than the loss (logits, KV caches) are pruned away.
 */
export function trainingStepGraph(forwardWithLoss: Graph, options: TrainingStepOptions): Graph {
  const { params, optimizer } = options;
  if (optimizer.type !== 'adamw') throw new Error(`trainingStepGraph: unknown optimizer '${String(optimizer.type)}'`);
  if (params.length === 0) throw new Error('trainingStepGraph: no params to train');
  if (new Set(params).size !== params.length) throw new Error('trainingStepGraph: params are listed twice');
  const g = new GraphBuilder(`${forwardWithLoss.name}_train_step`);
  const imported = importGraph(g, forwardWithLoss, { initializersAsInputs: params, keepOutputs: false, ...(options.dims ? { dims: options.dims } : {}) });
  const paramTensors = params.map((p) => imported.tensor(p));
  const dtype = paramTensors[0]?.dtype ?? 'float32';
  for (const t of paramTensors) {
    if (!isFloat(t.dtype) || t.dtype !== dtype) throw new Error(`trainingStepGraph: param '${t.name}' is ${t.dtype}; all params must share one float dtype`);
  }
  const moments = params.map((p, i) => {
    const names = paramStateNames(p);
    const shape = (paramTensors[i] as Tensor).shape;
    return { m: g.input(names.m, dtype, shape), v: g.input(names.v, dtype, shape) };
  });
  const step = g.input(TRAINING_STEP.step, dtype, []);
  const lr = g.input(TRAINING_STEP.lr, dtype, []);

  const forward = g.build();
  const em = new GradEmitter(g, forward.tensors.keys());
  const grads = appendGradients(em, { forward, tensor: imported.tensor, loss: options.loss, wrt: params });
  const rawGrads = params.map((p) => grads.get(p) as Tensor);
  const norm = emitGlobalNorm(em, rawGrads);
  const scale = options.clipGlobalNorm === undefined ? undefined : emitClipScale(em, norm, options.clipGlobalNorm);
  const corrections = emitBiasCorrections(em, optimizer, step);
  const noDecay = new Set(options.noWeightDecay ?? []);
  const updates = params.map((p, i) =>
    emitAdamW(
      em,
      optimizer,
      { param: paramTensors[i] as Tensor, grad: scale ? em.mul(rawGrads[i] as Tensor, scale) : (rawGrads[i] as Tensor), ...(moments[i] as { m: Tensor; v: Tensor }) },
      { lr, ...corrections },
      noDecay.has(p) ? 0 : optimizer.weightDecay,
    ),
  );

  g.output(imported.tensor(options.loss), TRAINING_STEP.loss);
  g.output(norm, TRAINING_STEP.gradNorm);
  params.forEach((p, i) => {
    const names = paramStateNames(p);
    const u = updates[i] as ReturnType<typeof emitAdamW>;
    g.output(u.next, names.next);
    g.output(u.mNext, names.mNext);
    g.output(u.vNext, names.vNext);
  });
  const keepInputs = [...params.flatMap((p) => [p, paramStateNames(p).m, paramStateNames(p).v]), TRAINING_STEP.step, TRAINING_STEP.lr];
  return pruneGraph(g.build(), { dropUnusedInputs: true, keepInputs });
}
