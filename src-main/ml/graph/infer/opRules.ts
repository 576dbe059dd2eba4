import { elementwiseRules } from './elementwiseRules.js';
import { indexingRules } from './indexingRules.js';
import type { InferRule } from './InferContext.js';
import { layoutRules } from './layoutRules.js';
import { reduceRules } from './reduceRules.js';

/**
 * Every op the DSL can emit, keyed by ONNX op type, with its dtype/shape rule. The builder and the
 * validator share this table, so a graph edited by hand (or by the autodiff) is checked by the same rules.
 */
export const opRules: Readonly<Record<string, InferRule>> = {
  ...elementwiseRules,
  ...layoutRules,
  ...indexingRules,
  ...reduceRules,
};

export function ruleFor(op: string): InferRule {
  const rule = opRules[op];
  if (rule === undefined) throw new Error(`No inference rule for op '${op}' (add it to infer/opRules.ts)`);
  return rule;
}
