/** Messages between the main process and the inference process (JSON / structured clone). */
import type { ResizeInfo } from '../ml/preprocess/types';
import type { VoiWindow } from '../ml/preprocess/windowPresets';
import type { ModelInputRef } from './modelInputRef';

export interface AnalyzeRequest {
  type: 'analyze';
  jobId: string;
  packageDir: string;
  inputs: ModelInputRef[];
  question: string;
  /** Indication, history, notes: the paper's third modality, placed before the question. */
  clinicalText?: string;
  seed: number;
  maxNewTokens?: number;
  /** The package's CT window (manifest `preprocessing.ctWindow`): CT slices are shown to the model in it. */
  ctWindow: VoiWindow;
}

export interface CancelRequest {
  type: 'cancel';
  jobId: string;
}

export type InferenceRequest = AnalyzeRequest | CancelRequest;

export interface InferenceOutput {
  raw: string;
  finishReason: 'eos' | 'length' | 'cancelled';
  images: ResizeInfo[];
  model: { name: string; version: string; sha256: string };
  timings: { ttftMs: number; tokensPerS: number; totalMs: number };
}

export type InferenceReply =
  | { type: 'ready' }
  | { type: 'token'; jobId: string; text: string }
  | { type: 'done'; jobId: string; output: InferenceOutput }
  | { type: 'failed'; jobId: string; reason: string };
