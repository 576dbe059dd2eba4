// Elementwise ops with numpy broadcasting. Each is one ONNX node; no fusion happens here.
import type { GraphBuilder } from '../GraphBuilder.js';
import { onnxDataType } from '../dtype.js';
import type { DType, Tensor } from '../types.js';

const binary = (op: string) => (g: GraphBuilder, a: Tensor, b: Tensor): Tensor => g.apply(op, [a, b]);
const unary = (op: string) => (g: GraphBuilder, x: Tensor): Tensor => g.apply(op, [x]);

export const add = binary('Add');
export const sub = binary('Sub');
export const mul = binary('Mul');
export const div = binary('Div');
export const pow = binary('Pow');
export const equal = binary('Equal');
export const less = binary('Less');
export const lessOrEqual = binary('LessOrEqual');
export const greater = binary('Greater');
export const and = binary('And');
export const or = binary('Or');

export const neg = unary('Neg');
export const sqrt = unary('Sqrt');
export const exp = unary('Exp');
export const log = unary('Log');
export const tanh = unary('Tanh');
/** Gauss error function. ORT 1.30's CPU kernel is float32-only; float64 graphs must cast around it. */
export const erf = unary('Erf');
export const sigmoid = unary('Sigmoid');
export const cos = unary('Cos');
export const sin = unary('Sin');
export const reciprocal = unary('Reciprocal');
export const not = unary('Not');
export const identity = unary('Identity');

/** `cond ? x : y`, broadcasting all three. */
export function where(g: GraphBuilder, cond: Tensor, x: Tensor, y: Tensor): Tensor {
  return g.apply('Where', [cond, x, y]);
}

export function cast(g: GraphBuilder, x: Tensor, to: DType): Tensor {
  return x.dtype === to ? x : g.apply('Cast', [x], { to: { type: 'int', value: onnxDataType(to) } });
}
