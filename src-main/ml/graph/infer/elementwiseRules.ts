import { broadcastShapes } from '../shapeUtils.js';
import { dtypeFromOnnx } from '../dtype.js';
import type { DType, Dim } from '../types.js';
import { input, intAttr, requireDtype, sameDtype, shapeOf, type InferContext, type InferRule } from './InferContext.js';

const FLOATS: readonly DType[] = ['float32', 'float64'];
const NUMERIC: readonly DType[] = ['float32', 'float64', 'int32', 'int64'];

function broadcastAll(ctx: InferContext, count: number): Dim[] {
  let shape: Dim[] = shapeOf(input(ctx, 0));
  for (let i = 1; i < count; i++) shape = broadcastShapes(shape, input(ctx, i).shape, ctx.op);
  return shape;
}

const arithmetic: InferRule = (ctx) => {
  const a = input(ctx, 0);
  const b = input(ctx, 1);
  requireDtype(ctx, a, NUMERIC);
  return [{ dtype: sameDtype(ctx, [a, b]), shape: broadcastAll(ctx, 2) }];
};

const floatUnary: InferRule = (ctx) => {
  const x = input(ctx, 0);
  requireDtype(ctx, x, FLOATS);
  return [{ dtype: x.dtype, shape: shapeOf(x) }];
};

const numericUnary: InferRule = (ctx) => {
  const x = input(ctx, 0);
  requireDtype(ctx, x, NUMERIC);
  return [{ dtype: x.dtype, shape: shapeOf(x) }];
};

const comparison: InferRule = (ctx) => {
  sameDtype(ctx, [input(ctx, 0), input(ctx, 1)]);
  return [{ dtype: 'bool', shape: broadcastAll(ctx, 2) }];
};

const logical: InferRule = (ctx) => {
  requireDtype(ctx, input(ctx, 0), ['bool']);
  requireDtype(ctx, input(ctx, 1), ['bool']);
  return [{ dtype: 'bool', shape: broadcastAll(ctx, 2) }];
};

const where: InferRule = (ctx) => {
  requireDtype(ctx, input(ctx, 0), ['bool']);
  const dtype = sameDtype(ctx, [input(ctx, 1), input(ctx, 2)]);
  return [{ dtype, shape: broadcastAll(ctx, 3) }];
};

const cast: InferRule = (ctx) => [{ dtype: dtypeFromOnnx(intAttr(ctx, 'to')), shape: shapeOf(input(ctx, 0)) }];

const identity: InferRule = (ctx) => {
  const x = input(ctx, 0);
  return [{ dtype: x.dtype, shape: shapeOf(x) }];
};

const not: InferRule = (ctx) => {
  requireDtype(ctx, input(ctx, 0), ['bool']);
  return [{ dtype: 'bool', shape: shapeOf(input(ctx, 0)) }];
};

export const elementwiseRules: Record<string, InferRule> = {
  Add: arithmetic,
  Sub: arithmetic,
  Mul: arithmetic,
  Div: arithmetic,
  Pow: arithmetic,
  Neg: numericUnary,
  Sqrt: floatUnary,
  Exp: floatUnary,
  Log: floatUnary,
  Tanh: floatUnary,
  Erf: floatUnary,
  Sigmoid: floatUnary,
  Cos: floatUnary,
  Sin: floatUnary,
  Reciprocal: floatUnary,
  Equal: comparison,
  Less: comparison,
  LessOrEqual: comparison,
  Greater: comparison,
  And: logical,
  Or: logical,
  Not: not,
  Where: where,
  Cast: cast,
  Identity: identity,
};
