import { generate, resolveGenerationConfig, type FinishReason, type StepFn } from '../generation/index.js';
import { createKvCacheStep } from './kvCacheStep.js';
import type { LoadedModel } from './LoadedModel.js';
import { generationConfigFor } from './generationConfigFor.js';
import { preparePrompt, type PreparedPrompt } from './preparePrompt.js';
import { RunCancelled } from './RunCancelled.js';
import { TokenTextStream } from './TokenTextStream.js';
import type { GeneratedSequence, RunOptions, RunRequest, RunResult } from './types.js';

/**
 * One request through the model, in the order transformers.js runs Qwen2-VL:
 * (1)–(4) preparePrompt: preprocess images and ECGs, build and tokenise the chat prompt, embed it with
 *         the encoders' features at their pads, M-RoPE positions;
 * (5)–(6) generate() over a KV-cache step: prefill once, then one token per row per step, streamed;
 * (7)     decode each row's tokens to text.
 * G = numSequences rows are sampled for the same prompt (training rollouts). A cancel lands within one
 * model call and returns finishReason 'cancelled'; NaN/Inf in any output throws NonFiniteOutputError.
 */
export async function runModel(model: LoadedModel, request: RunRequest, options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const config = resolveGenerationConfig(generationConfigFor(model.manifest, options));
  const rows = config.numSequences;

  // (1)–(4)
  let prompt: PreparedPrompt;
  try {
    prompt = await preparePrompt(model, request, options.signal);
  } catch (err) {
    if (err instanceof RunCancelled) return cancelledResult(rows, performance.now() - started);
    throw err;
  }
  const encodeMs = performance.now() - started;

  // (5)–(6) Timed per phase; onStepLogits sees the raw logits before any processor.
  const kvStep = createKvCacheStep(model, prompt, rows);
  let prefillMs = 0;
  let decodeMs = 0;
  let decodeSteps = 0;
  let steps = 0;
  const step: StepFn = async (input) => {
    const t0 = performance.now();
    const logits = await kvStep(input);
    if (input.isPrefill) prefillMs = performance.now() - t0;
    else {
      decodeMs += performance.now() - t0;
      decodeSteps++;
    }
    options.onStepLogits?.(logits, steps++);
    return logits;
  };
  const streams = Array.from({ length: rows }, () => new TokenTextStream(model.tokenizer));
  const counts = new Array<number>(rows).fill(0);
  let ttftMs = -1;
  let decodedTokens = 0;
  const result = await generate({
    step,
    // The step holds the prompt embeddings itself; the ids still drive the repetition penalty, as in HF.
    prefillInputs: { tokenIds: null, penaltyContextIds: prompt.tokenIds },
    config,
    onToken: (row, tokenId) => {
      if (ttftMs < 0) ttftMs = performance.now() - started;
      if (decodeSteps > 0) decodedTokens++;
      // A row's last token is knowable here (eos or length), so the stream can flush a dangling byte.
      const last = config.eosTokenIds.includes(tokenId) || ++counts[row]! === config.maxNewTokens;
      const text = streams[row]!.push(tokenId, last);
      options.onToken?.({ row, tokenId, text });
    },
    ...(options.signal ? { signal: options.signal } : {}),
  });

  // (7) Text per row; special tokens (eos, stray pads) are not part of the answer.
  const sequences: GeneratedSequence[] = result.tokenIds.map((tokenIds, r) => ({
    text: model.tokenizer.decode(tokenIds, { skipSpecialTokens: true }),
    tokenIds,
    finishReason: result.finishReasons[r]!,
  }));
  const timings = {
    encodeMs,
    prefillMs,
    decodeMs,
    ttftMs: Math.max(ttftMs, 0),
    tokensPerS: decodeMs > 0 ? (decodedTokens * 1000) / decodeMs : 0,
  };
  return { ...sequences[0]!, sequences, images: prompt.images, promptTokens: prompt.tokenIds.length, timings };
}

function cancelledResult(rows: number, elapsedMs: number): RunResult {
  const finishReason: FinishReason = 'cancelled';
  const sequences = Array.from({ length: rows }, () => ({ text: '', tokenIds: [], finishReason }));
  const timings = { encodeMs: elapsedMs, prefillMs: 0, decodeMs: 0, ttftMs: 0, tokensPerS: 0 };
  return { ...sequences[0]!, sequences, images: [], promptTokens: 0, timings };
}
