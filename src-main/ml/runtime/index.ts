// Public surface of the model runtime: open a verified model package, run a multimodal request through
// it (preprocess → prompt → encoders → prefill → KV-cache decoding → text). ONNX Runtime stays behind ml/ort.
export { loadModel, type LoadOptions } from './loadModel.js';
export type { LoadedModel, ModelSessions } from './LoadedModel.js';
export { runModel } from './runModel.js';
export { preparePrompt, type PreparedPrompt } from './preparePrompt.js';
export { preprocessItems, type PreprocessedItems } from './preprocessItems.js';
export { createKvCacheStep, type KvCacheModel } from './kvCacheStep.js';
export { decoderFeeds, lastPositionLogits, presentsAsPast, tileCache, type DecoderCall, type KvCache } from './decoderFeeds.js';
export { generationConfigFor } from './generationConfigFor.js';
export { readArchitecture, type RuntimeArchitecture } from './readArchitecture.js';
export { QOQ_MED_SESSIONS, type SessionKey, type SessionSpec } from './sessionTable.js';
export { NonFiniteOutputError, assertFinite } from './NonFiniteOutputError.js';
export { TokenTextStream } from './TokenTextStream.js';
export type { GeneratedSequence, ImageInfo, RequestItem, RunOptions, RunRequest, RunResult, RunTimings, StreamedToken } from './types.js';
