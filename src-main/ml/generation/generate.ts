import { buildLogitsProcessors } from './buildLogitsProcessors';
import { CancelStop } from './CancelStop';
import { createTokenPicker } from './createTokenPicker';
import { EosStop } from './EosStop';
import { resolveGenerationConfig } from './GenerationConfig';
import { applyLogitsProcessors } from './LogitsProcessor';
import { MaxNewTokensStop } from './MaxNewTokensStop';
import { firstStopReason, type FinishReason, type StoppingCriterion } from './StoppingCriterion';
import type { GenerateOptions, GenerationResult, StepInput } from './types';

/**
 * Autoregressive decoding of G independent rows for one prompt. The model is the injected `step`, so this
 * loop is the same for the ONNX runtime, a test's toy model, or anything else that yields logits.
 */
export async function generate(options: GenerateOptions): Promise<GenerationResult> {
  // 1. Resolve the config and build the parts: processor chain, one picker per row, stopping criteria.
  const config = resolveGenerationConfig(options.config);
  const rows = config.numSequences; // G
  const processors = buildLogitsProcessors(config);
  const pickers = Array.from({ length: rows }, (_, r) => createTokenPicker(config, r));
  const cancel = new CancelStop(options.signal);
  // Order matters: a row whose last token is eos stopped because of eos even if it also hit the length.
  const criteria: StoppingCriterion[] = [new EosStop(config.eosTokenIds), new MaxNewTokensStop(config.maxNewTokens), cancel];

  const promptIds = options.prefillInputs.tokenIds;
  const penaltyContext = options.prefillInputs.penaltyContextIds ?? promptIds ?? [];
  // Only processors read the seen ids (the repetition penalty); plain greedy skips the bookkeeping.
  const seen = processors.length > 0 ? Array.from({ length: rows }, () => new Set(penaltyContext)) : null;
  const generated: number[][] = Array.from({ length: rows }, () => []);
  const finish: (FinishReason | null)[] = new Array<FinishReason | null>(rows).fill(null);
  let active = rows; // rows with finish[r] === null
  const finishAll = (reason: FinishReason): void => {
    for (let r = 0; r < rows; r++) finish[r] ??= reason;
    active = 0;
  };
  let steps = 0;
  let vocabSize = -1;
  // One scratch row for the processors, which work in place, so the step's logits stay untouched.
  let scratch = new Float32Array(0);

  // 2. Zero new tokens asked for: no model call at all.
  if (config.maxNewTokens === 0) finishAll('length');

  let input: StepInput = { tokenIds: promptIds === null ? null : [...promptIds], isPrefill: true };
  while (active > 0) {
    // 3. Cancelled before the step: do not start another (possibly slow) forward pass.
    if (cancel.isDone()) {
      finishAll('cancelled');
      break;
    }

    // 4. One forward pass: prefill the first time, then one token per row.
    const logits = await options.step(input); // (G, V)
    steps++;

    // 5. Cancelled while the step ran: its output is dropped, so a cancel costs at most one step.
    if (cancel.isDone()) {
      finishAll('cancelled');
      break;
    }
    vocabSize = checkedVocabSize(logits, rows, vocabSize);

    // 6. Per unfinished row: shape the logits, pick a token, record it, stream it, check the criteria.
    for (let r = 0; r < rows; r++) {
      if (finish[r] !== null) continue;
      const view = logits.subarray(r * vocabSize, (r + 1) * vocabSize); // (V)
      let row = view;
      if (seen !== null) {
        // Processors work in place: they get a copy in the reused scratch row, never the step's output.
        if (scratch.length !== vocabSize) scratch = new Float32Array(vocabSize);
        scratch.set(view);
        row = applyLogitsProcessors(processors, scratch, seen[r]!);
      }
      const id = pickers[r]!(row);
      generated[r]!.push(id);
      seen?.[r]!.add(id);
      options.onToken?.(r, id);
      finish[r] = firstStopReason(criteria, generated[r]!);
      if (finish[r] !== null) active--;
    }

    // 7. Next input: each row's latest token; finished rows still occupy their batch slot with the pad id.
    input = {
      tokenIds: generated.map((ids, r) => (finish[r] === null ? ids[ids.length - 1]! : config.padTokenId)),
      isPrefill: false,
    };
  }

  return { tokenIds: generated, finishReasons: finish as FinishReason[], steps };
}

/** V from a step's output, which must be (G, V) and keep the same V at every step. */
function checkedVocabSize(logits: Float32Array, rows: number, previous: number): number {
  const vocabSize = logits.length / rows;
  if (!Number.isInteger(vocabSize) || vocabSize < 1) {
    throw new Error(`generate: step returned ${logits.length} logits, not a multiple of ${rows} rows`);
  }
  if (previous !== -1 && vocabSize !== previous) {
    throw new Error(`generate: step returned rows of ${vocabSize} logits after rows of ${previous}`);
  }
  return vocabSize;
}
