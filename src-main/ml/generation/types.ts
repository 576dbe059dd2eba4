import type { GenerationConfig } from './GenerationConfig';
import type { FinishReason } from './StoppingCriterion';

/** What the loop asks the model for at each step. */
export interface StepInput {
  /**
   * Prefill: the prompt ids (shared by all rows), or null when the step already holds its prompt inputs
   * (e.g. embeddings with image features merged by the runtime). Decode: one id per batch row, the row's
   * latest token (finished rows get config.padTokenId).
   */
  tokenIds: number[] | null;
  isPrefill: boolean;
}

/**
 * One forward pass of the model, injected so the loop knows nothing of ONNX graphs or KV caches.
 * Returns last-position logits, (B, V) row-major with B = numSequences, at prefill too (the runtime
 * expands the prompt to B rows, as Hugging Face's generate does for several return sequences). The loop
 * is done with a step's rows before it calls the step again (it copies a row before any processor edits it,
 * and never edits the returned array), so the step may return a view of its output and reuse buffers.
 */
export type StepFn = (input: StepInput) => Promise<Float32Array>;

export interface PrefillInputs {
  /** Prompt ids handed to step() at prefill; null when the step holds its prompt itself. */
  tokenIds: readonly number[] | null;
  /**
   * Ids the repetition penalty counts as already seen. Hugging Face penalises the whole input_ids, prompt
   * included, so this defaults to tokenIds (or nothing when tokenIds is null).
   */
  penaltyContextIds?: readonly number[];
}

export interface GenerateOptions {
  step: StepFn;
  prefillInputs: PrefillInputs;
  config?: Partial<GenerationConfig>;
  /** Streams each new token as soon as it is chosen, eos included. */
  onToken?: (row: number, tokenId: number) => void;
  /** Cancels generation; honoured before and after every step. */
  signal?: AbortSignal;
}

export interface GenerationResult {
  /** New tokens per row (prompt excluded, eos included when that is why the row stopped). */
  tokenIds: number[][];
  finishReasons: FinishReason[];
  /** Number of step() calls made, prefill included. */
  steps: number;
}
