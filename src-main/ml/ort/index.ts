// The only entry point to ONNX Runtime in the app (code-style item 11). Import from here, never from
// 'onnxruntime-node' directly.
export { createSession, ModelSession, type SessionOptions } from './createSession.js';
export { run } from './run.js';
export { fromOrt, toOrt, type HostTensor } from './hostTensor.js';
export { providerList, type ExecutionProvider } from './executionProviders.js';
