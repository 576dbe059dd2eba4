import type { EcgRecord } from '../../parsing/types';
import type { FinishReason } from '../generation/index.js';
import type { GridThw, ResizeInfo, RgbImage } from '../preprocess/index.js';

/** One piece of the user turn, in prompt order. */
export type RequestItem =
  | { readonly type: 'image'; readonly rgb: RgbImage; /** The caller's id of the source, carried into ResizeInfo. */ readonly ref: string }
  /** null: an ECG slot without a recording; its pad gets a zero vector, as the reference feeds samples without ECG. */
  | { readonly type: 'ecg'; readonly record: EcgRecord | null }
  | { readonly type: 'text'; readonly text: string };

export interface RunRequest {
  readonly items: readonly RequestItem[];
  readonly question: string;
  /** Default: the manifest's chatTemplate.defaultSystem. */
  readonly system?: string;
  /** Appended after the question; default the protocol's instruction, null to leave it out. */
  readonly formatInstruction?: string | null;
}

/**
 * One streamed token. `text` is the row's newly completed text ('' while a UTF-8 character is split
 * across tokens); a row's pieces join to its final text, except a run cancelled mid-character.
 */
export interface StreamedToken {
  readonly row: number;
  readonly tokenId: number;
  readonly text: string;
}

export interface RunOptions {
  /** Seeds sampling (row r uses stream (seed, r)); greedy runs ignore it. */
  readonly seed: number;
  /** Default: the manifest's generation.maxNewTokens. */
  readonly maxNewTokens?: number;
  /** 0 = greedy; > 0 = seeded sampling at that temperature. Default: the manifest's. */
  readonly temperature?: number;
  /** G responses sampled for the same prompt (GRPO/DRPO rollouts). Default 1. */
  readonly numSequences?: number;
  /** Defaults: the manifest's. */
  readonly topK?: number;
  readonly topP?: number;
  readonly repetitionPenalty?: number;
  readonly onToken?: (token: StreamedToken) => void;
  /** Diagnostics: each step's raw last-position logits (G, V), before any processor. Not a copy to keep. */
  readonly onStepLogits?: (logits: Float32Array, step: number) => void;
  /** Stops generation within one decoder step; the result then has finishReason 'cancelled'. */
  readonly signal?: AbortSignal;
}

export interface GeneratedSequence {
  /** Decoded with special tokens dropped (eos, pads). */
  readonly text: string;
  /** New tokens, eos included when that is why the row stopped. */
  readonly tokenIds: readonly number[];
  readonly finishReason: FinishReason;
}

/** One prompt image as fed to the encoder: what mapBoxToOriginal needs to place boxes on the source. */
export interface ImageInfo {
  readonly ref: string;
  readonly resize: ResizeInfo;
  readonly gridThw: GridThw;
  /** `<|image_pad|>` tokens (= feature rows) the image takes in the prompt. */
  readonly tokens: number;
}

export interface RunTimings {
  /** Preprocessing, tokenisation, embedding lookup and encoders. */
  readonly encodeMs: number;
  /** The decoder's prefill pass over the prompt. */
  readonly prefillMs: number;
  /** All KV-cache decode steps. */
  readonly decodeMs: number;
  /** runModel call → first token chosen. */
  readonly ttftMs: number;
  /** Tokens chosen in decode steps (all rows) per second of decodeMs; 0 when there were none. */
  readonly tokensPerS: number;
}

/** Row 0's sequence at the top level (the single-answer case), every row in `sequences`. */
export interface RunResult extends GeneratedSequence {
  readonly sequences: readonly GeneratedSequence[];
  readonly images: readonly ImageInfo[];
  readonly promptTokens: number;
  readonly timings: RunTimings;
}
