import type { PositionIds } from '../prompt/index.js';
import type { PromptResponse } from './packBatch.js';

/**
 * One multimodal SFT example, in exactly the form the runtime prefill sees its prompt: the token ids,
 * the M-RoPE positions and the encoder features at the image / ECG pad positions, plus the response
 * the loss is taken on. Built from the runtime's own preparePrompt output (multimodalSampleFrom), so
 * training and `qoq analyze` cannot drift apart in prompt, positions or media embeddings.
 */
export interface MultimodalSample extends PromptResponse {
  /** (3, P) positions of the prompt tokens. */
  readonly promptPositions: PositionIds;
  /** Qwen's rope delta: response token at sequence index t sits at position t + ropeDelta (all axes). */
  readonly ropeDelta: number;
  /** Prompt indices whose embedding is an encoder feature row, ascending. */
  readonly mediaPositions: readonly number[];
  /** (K, D) feature rows for mediaPositions, in the same order. */
  readonly mediaRows: Float32Array;
}

/** The prompt half of the runtime's PreparedPrompt (ml/runtime), structurally. */
export interface PreparedPromptLike {
  readonly tokenIds: readonly number[];
  /** (P, D) prompt embeddings with the encoder features already at their pads. */
  readonly embeds: Float32Array;
  readonly positions: PositionIds;
  readonly ropeDelta: number;
}

/**
 * A sample from a prepared prompt and response ids: every position holding one of `mediaPadIds`
 * (image pad, time-series pad) takes its row from the prepared embeddings — the encoder output the
 * runtime scattered there (zeros for an ECG slot without a recording, as at inference).
 */
export function multimodalSampleFrom(prompt: PreparedPromptLike, responseIds: readonly number[], mediaPadIds: readonly number[], hidden: number): MultimodalSample {
  if (prompt.embeds.length !== prompt.tokenIds.length * hidden) {
    throw new Error(`multimodalSampleFrom: ${prompt.embeds.length} embedding values for ${prompt.tokenIds.length} tokens × ${hidden}`);
  }
  const pads = new Set(mediaPadIds);
  const mediaPositions = prompt.tokenIds.flatMap((id, t) => (pads.has(id) ? [t] : []));
  const mediaRows = new Float32Array(mediaPositions.length * hidden); // (K, D)
  mediaPositions.forEach((t, k) => mediaRows.set(prompt.embeds.subarray(t * hidden, (t + 1) * hidden), k * hidden));
  return {
    promptIds: [...prompt.tokenIds],
    responseIds: [...responseIds],
    promptPositions: prompt.positions,
    ropeDelta: prompt.ropeDelta,
    mediaPositions,
    mediaRows,
  };
}
