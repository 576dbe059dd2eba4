import type { Attr, Attrs, DType, Dim, Shape, Tensor, TensorData } from '../types.js';

/** What an op's inference rule sees: input value info, attributes, and known constant inputs. */
export interface InferContext {
  readonly op: string;
  /** Inputs in ONNX order; `undefined` where an optional input was left out. */
  readonly inputs: readonly (Tensor | undefined)[];
  readonly attrs: Attrs;
  /** The value of input `i` when it is a Constant-node output (shape-like inputs must be). */
  constant(i: number): TensorData | undefined;
  /**
   * The dim to use where the value cannot be derived statically (symbolic sizes after Slice, Range,
   * Reshape with -1). The builder passes the caller's declared shape; the validator the recorded one.
   */
  unknownDim(output: number, axis: number): Dim;
  /** The caller's declared dim, if any, for rules that have a default name (Concat's 'a+b'). */
  declaredDim(output: number, axis: number): Dim | undefined;
}

export interface InferredType {
  readonly dtype: DType;
  readonly shape: Dim[];
}

export type InferRule = (ctx: InferContext) => InferredType[];

export function input(ctx: InferContext, i: number): Tensor {
  const t = ctx.inputs[i];
  if (t === undefined) throw new Error(`${ctx.op}: missing input ${i}`);
  return t;
}

export function requireDtype(ctx: InferContext, t: Tensor, allowed: readonly DType[]): void {
  if (!allowed.includes(t.dtype)) {
    throw new Error(`${ctx.op}: input '${t.name}' has dtype ${t.dtype}, expected one of ${allowed.join('|')}`);
  }
}

export function sameDtype(ctx: InferContext, tensors: readonly Tensor[]): DType {
  const first = tensors[0];
  if (first === undefined) throw new Error(`${ctx.op}: no inputs`);
  for (const t of tensors) {
    if (t.dtype !== first.dtype) {
      throw new Error(`${ctx.op}: dtype mismatch: '${first.name}' is ${first.dtype}, '${t.name}' is ${t.dtype}`);
    }
  }
  return first.dtype;
}

export function intAttr(ctx: InferContext, name: string, fallback?: number): number {
  const a: Attr | undefined = ctx.attrs[name];
  if (a === undefined && fallback !== undefined) return fallback;
  if (a?.type !== 'int') throw new Error(`${ctx.op}: attribute '${name}' must be an int`);
  return a.value;
}

export function intsAttr(ctx: InferContext, name: string): readonly number[] | undefined {
  const a = ctx.attrs[name];
  if (a === undefined) return undefined;
  if (a.type !== 'ints') throw new Error(`${ctx.op}: attribute '${name}' must be ints`);
  return a.value;
}

/** Integer values of a constant shape-like input (int64 or int32), or undefined when not constant. */
export function constInts(ctx: InferContext, i: number): number[] | undefined {
  const c = ctx.constant(i);
  if (c === undefined) return undefined;
  if (c.dtype !== 'int64' && c.dtype !== 'int32') throw new Error(`${ctx.op}: input ${i} must be int64`);
  return Array.from(c.data as ArrayLike<number | bigint>, (v) => Number(v));
}

/** Values of any constant input as JS numbers (Range bounds may be float). */
export function constNumbers(ctx: InferContext, i: number): number[] | undefined {
  const c = ctx.constant(i);
  return c === undefined ? undefined : Array.from(c.data as ArrayLike<number | bigint>, (v) => Number(v));
}

export function shapeOf(t: Tensor): Dim[] {
  return [...t.shape];
}

export type { Shape };
