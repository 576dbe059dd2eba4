import { INPUT_IDS, INPUTS_EMBEDS } from '../../../../src-main/ml/models/decoder/index.js';
import { decoderFeeds, lastPositionLogits, type LoadedModel, type PreparedPrompt } from '../../../../src-main/ml/runtime/index.js';

const argmax = (row: Float32Array): number => row.reduce((best, v, i) => (v > row[best]! ? i : best), 0);

/**
 * The slow reference: every step re-runs the decoder over prompt + all tokens so far with NO cache,
 * positions written out by hand (prompt M-RoPE rows, then S + j + delta for generated token j).
 * Returns each step's chosen token and its last-position logits.
 */
export async function noCacheGreedy(model: LoadedModel, prompt: PreparedPrompt, steps: number): Promise<{ tokens: number[]; logits: Float32Array[] }> {
  const config = model.architecture.decoder;
  const d = config.hiddenSize;
  const s = prompt.tokenIds.length;
  const tokens: number[] = [];
  const logits: Float32Array[] = [];
  for (let k = 0; k < steps; k++) {
    const embeds = new Float32Array((s + k) * d);
    embeds.set(prompt.embeds);
    if (k > 0) {
      const out = await model.sessions.embedTokens.run({ [INPUT_IDS]: { type: 'int64', dims: [1, k], data: BigInt64Array.from(tokens, BigInt) } });
      embeds.set(out[INPUTS_EMBEDS]!.data as Float32Array, s * d);
    }
    const generated = Array.from({ length: k }, (_, j) => s + j + prompt.ropeDelta);
    const positions = prompt.positions.flatMap((axis) => [...axis, ...generated]);
    const out = await model.sessions.decoder.run(decoderFeeds(config, { batch: 1, seq: s + k, embeds, positions, past: null, pastLength: 0 }));
    const last = lastPositionLogits(out);
    logits.push(last);
    tokens.push(argmax(last));
  }
  return { tokens, logits };
}
