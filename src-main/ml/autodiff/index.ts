// Reverse-mode autodiff over the graph DSL: emits the backward pass as more ONNX nodes.
export { grad, gradName, type GradOptions, type GradResult } from './grad.js';
export { appendGradients, type GradientSweepInput } from './appendGradients.js';
export { GradEmitter, staticShape } from './GradEmitter.js';
export { importGraph, specializeDims, type ImportedGraph, type ImportOptions } from './importGraph.js';
export { pruneGraph, type PruneOptions } from './pruneGraph.js';
export { gradientRules, NO_GRADIENT_OPS } from './rules/gradientRules.js';
export type { GradContext, GradientRule } from './rules/GradientRule.js';
