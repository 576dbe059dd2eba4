import { arithmeticGrads } from './arithmeticGrads.js';
import type { GradientRule } from './GradientRule.js';
import { indexingGrads } from './indexingGrads.js';
import { layoutGrads } from './layoutGrads.js';
import { matmulGrads } from './matmulGrads.js';
import { reduceGrads } from './reduceGrads.js';
import { unaryMathGrads } from './unaryMathGrads.js';

/** Backward rule per ONNX op type: one file per op family, each rule under a comment with its math. */
export const gradientRules: Readonly<Record<string, GradientRule>> = {
  ...arithmeticGrads,
  ...unaryMathGrads,
  ...matmulGrads,
  ...layoutGrads,
  ...indexingGrads,
  ...reduceGrads,
};

/**
 * Ops through which no gradient flows: they make constants, shapes, indices or masks. The sweep stops
 * activity at them even if a float tensor feeds them (Shape(x), Equal(x, y) on floats), so a
 * differentiated tensor used only to derive a mask adds nothing to its gradient — which is the truth
 * for piecewise-constant functions.
 */
export const NO_GRADIENT_OPS: ReadonlySet<string> = new Set([
  'Constant',
  'Shape',
  'Range',
  'Equal',
  'Less',
  'LessOrEqual',
  'Greater',
  'And',
  'Or',
  'Not',
]);
