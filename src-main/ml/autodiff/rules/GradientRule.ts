import type { Node, Tensor, TensorData } from '../../graph/index.js';
import type { GradEmitter } from '../GradEmitter.js';

/** What a gradient rule sees for one forward node. */
export interface GradContext {
  readonly em: GradEmitter;
  readonly node: Node;
  /** Forward input tensors in ONNX order; `undefined` where an optional input was left out. */
  readonly inputs: readonly (Tensor | undefined)[];
  /** Forward output tensors (the rule may reuse them, e.g. sigmoid's y). */
  readonly outputs: readonly Tensor[];
  /** ∂loss/∂output for output 0 (every differentiable op here has a single output). */
  readonly dy: Tensor;
  /** Whether input `i` needs a gradient: only those are emitted, so dead branches cost nothing. */
  needs(i: number): boolean;
  /** Value of input `i` when it is a Constant-node output (axes, starts, shapes). */
  constant(i: number): TensorData | undefined;
}

/**
 * A backward rule: ∂loss/∂input for every input, `undefined` where none flows (integer inputs, or
 * inputs that `needs` says are not on a path from a differentiated tensor).
 */
export type GradientRule = (ctx: GradContext) => (Tensor | undefined)[];

export function input(ctx: GradContext, i: number): Tensor {
  const t = ctx.inputs[i];
  if (t === undefined) throw new Error(`autodiff: ${ctx.node.op} '${ctx.node.name}' has no input ${i}`);
  return t;
}

export function output(ctx: GradContext): Tensor {
  const t = ctx.outputs[0];
  if (t === undefined) throw new Error(`autodiff: ${ctx.node.op} '${ctx.node.name}' has no output`);
  return t;
}

/** Integer values of a constant input (axes, starts, ...); throws when it is computed at run time. */
export function constInts(ctx: GradContext, i: number): number[] | undefined {
  if (ctx.inputs[i] === undefined) return undefined;
  const c = ctx.constant(i);
  if (c === undefined) throw new Error(`autodiff: ${ctx.node.op} '${ctx.node.name}': input ${i} must be a Constant to differentiate`);
  return Array.from(c.data as ArrayLike<number | bigint>, (v) => Number(v));
}

export function intAttr(ctx: GradContext, name: string, fallback: number): number {
  const a = ctx.node.attrs[name];
  if (a === undefined) return fallback;
  if (a.type !== 'int') throw new Error(`autodiff: ${ctx.node.op}: attribute '${name}' must be an int`);
  return a.value;
}

export function intsAttr(ctx: GradContext, name: string): readonly number[] | undefined {
  const a = ctx.node.attrs[name];
  if (a === undefined) return undefined;
  if (a.type !== 'ints') throw new Error(`autodiff: ${ctx.node.op}: attribute '${name}' must be ints`);
  return a.value;
}

/** Normalises a possibly negative axis. */
export function axisOf(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}
