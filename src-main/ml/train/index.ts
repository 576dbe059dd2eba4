// Public API of the trainer: training-step graphs per (batch, seqLen) bucket, the SFT and GRPO/DRPO
// trainers with their shared loop, and checkpoints (safetensors + JSON, replaced atomically).
export { buildTrainStep, buildTrainStepGraph, type TrainStepOptions } from './buildTrainStep.js';
export { buildLogProbGraph, buildLogProbGraphOf, buildSamplingGraph } from './buildLogProbGraph.js';
export { buildPolicyMetricsGraph, POLICY_METRICS, type PolicyMetricSettings } from './buildPolicyMetricsGraph.js';
export { appendPolicyForward, type PolicyForwardOptions } from './appendPolicyForward.js';
export { MEDIA_INPUTS, POLICY_LOG_PROBS, TRAIN_INPUTS } from './graphNames.js';
export { multimodalSampleFrom, type MultimodalSample, type PreparedPromptLike } from './multimodalSample.js';
export { packMultimodalBatch } from './packMultimodalBatch.js';
export { multimodalSftTrainer, type MultimodalSftOptions } from './multimodalSftTrainer.js';
export { bucketLength, packBatch, type PromptResponse } from './packBatch.js';
export { createTrainerState, asDecoderWeights, copyTable, type CreateTrainerStateOptions, type ParamTable, type TrainerState } from './TrainerState.js';
export { saveCheckpoint } from './saveCheckpoint.js';
export { loadCheckpoint } from './loadCheckpoint.js';
export { CHECKPOINT_FILES } from './checkpointFiles.js';
export { committedFolder, writeFolderAtomically } from './writeFolderAtomically.js';
export { readSafetensors } from './readSafetensors.js';
export { writeSafetensors } from './writeSafetensors.js';
export type { SafetensorsDType, SafetensorsFile, SafetensorsTensor } from './safetensorsFormat.js';
export { applyTrainStep, type AppliedStep } from './applyTrainStep.js';
export { runTrainingLoop, type LoopOptions, type StepRunner, type TrainResult } from './runTrainingLoop.js';
export { sftTrainer, type SftOptions } from './sftTrainer.js';
export { grpoTrainer, type GrpoOptions } from './grpoTrainer.js';
export type { GrpoQuestion, RewardFn, RewardResult } from './GrpoQuestion.js';
export { qoqMedRewardFn } from './qoqMedRewardFn.js';
export { lrAt, QOQ_MED_ADAMW, QOQ_MED_GRAD_CLIP, type LearningRate } from './OptimizerSettings.js';
export { jsonLinesMetrics } from './jsonLinesMetrics.js';
export type { CheckpointEvent, DomainMetrics, GrpoStepMetrics, SftStepMetrics, TrainMetrics } from './TrainMetrics.js';
