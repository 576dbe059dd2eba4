// Optimisers emitted as graph nodes: the training step is one ONNX graph run by ONNX Runtime.
export { trainingStepGraph, type TrainingStepOptions } from './trainingStepGraph.js';
export { paramStateNames, TRAINING_STEP, type AdamWConfig, type ParamStateNames } from './AdamWConfig.js';
export { emitAdamW, emitBiasCorrections, type AdamWScalars, type AdamWState } from './emitAdamW.js';
export { emitClipScale, emitGlobalNorm } from './emitGlobalNorm.js';
