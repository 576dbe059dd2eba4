/**
 * The multimodal entry of the training graph (media_embeds/media_mask blended into the token embeddings)
 * differentiated by the project's autodiff, checked against central finite differences of the SFT loss
 * on a tiny float64 decoder — independent of the gradient rules under test.
 */
import { describe, expect, it } from 'vitest';
import { grad } from '../../../src-main/ml/autodiff/index.js';
import * as G from '../../../src-main/ml/graph/index.js';
import { sftLoss } from '../../../src-main/ml/losses/index.js';
import { ATTENTION_MASK, decoderParameterSpecs, EMBED_TOKENS, INPUT_IDS, POSITION_IDS } from '../../../src-main/ml/models/decoder/index.js';
import type { HostTensor } from '../../../src-main/ml/ort/index.js';
import { appendPolicyForward, MEDIA_INPUTS, TRAIN_INPUTS } from '../../../src-main/ml/train/index.js';
import { hostOf, openGraph, sampledGradErrors } from '../autodiff/harness/gradCheck.js';
import { tinyLmConfig } from '../autodiff/harness/tinyDecoderLoss.js';
import { seededRandom } from '../graph/reference/rng.js';
import { tinyWeights } from '../models/decoder/harness/tinyDecoder.js';

const [batch, seq] = [2, 6];
const config = tinyLmConfig('float64');
const D = config.hiddenSize;
const rand = seededRandom(31);
const ids = Array.from({ length: batch * seq }, () => Math.floor(rand() * config.vocabSize));
const targets = Array.from({ length: batch * seq }, () => Math.floor(rand() * config.vocabSize));
// Row 0: media at positions 1–2 (an image), row 1: one media position (an ECG pad) at 3.
const mask = [0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0];
// Loss on the last three targets of each row (the "response").
const responseMask = [0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1];
// Image-like positions: row 0 holds a 1×2 grid at positions 1–2 (h/w differ), text elsewhere.
const positions = [
  [0, 1, 1, 2, 3, 4, 0, 1, 2, 3, 4, 5],
  [0, 1, 1, 2, 3, 4, 0, 1, 2, 3, 4, 5],
  [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5],
].flat();

describe('multimodal SFT step graph: gradients (float64)', () => {
  it('∂loss/∂media_embeds, ∂loss/∂embed_tokens and layer weights match central differences; masked-out media get exactly 0', async () => {
    const g = new G.GraphBuilder('mm_sft_loss');
    const logits = appendPolicyForward(g, config, { bucket: { batch, seqLen: seq }, media: true });
    const loss = sftLoss(g, logits, g.input(TRAIN_INPUTS.targetIds, 'int64', [batch, seq]), g.input(TRAIN_INPUTS.responseMask, 'float64', [batch, seq]));
    g.output(loss, 'loss');
    const checked = [MEDIA_INPUTS.embeds, EMBED_TOKENS, 'model.layers.0.self_attn.q_proj.weight', 'model.layers.1.mlp.down_proj.weight'];
    const result = grad(g.build(), { loss: 'loss', wrt: checked });

    const weights = tinyWeights(config, 4);
    const feeds: Record<string, HostTensor> = {
      [INPUT_IDS]: hostOf('int64', [batch, seq], ids),
      [ATTENTION_MASK]: hostOf('int64', [batch, seq], new Array(batch * seq).fill(1)),
      [POSITION_IDS]: hostOf('int64', [3, batch, seq], positions),
      [MEDIA_INPUTS.embeds]: hostOf('float64', [batch, seq, D], Array.from({ length: batch * seq * D }, () => rand() * 2 - 1)),
      [MEDIA_INPUTS.mask]: hostOf('float64', [batch, seq, 1], mask),
      [TRAIN_INPUTS.targetIds]: hostOf('int64', [batch, seq], targets),
      [TRAIN_INPUTS.responseMask]: hostOf('float64', [batch, seq], responseMask),
    };
    for (const spec of decoderParameterSpecs(config)) feeds[spec.name] = { type: 'float64', dims: spec.dims, data: weights[spec.name]!.data };
    for (const input of result.graph.inputs) {
      if (input.name.startsWith('past_key_values')) feeds[input.name] = hostOf('float64', input.shape.map(Number), []);
    }

    const session = await openGraph(result.graph);
    try {
      const errors = await sampledGradErrors(session, feeds, result.gradients, checked, { samples: 8, seed: 9 });
      for (const name of checked) expect(errors[name], `∂loss/∂${name}`).toBeLessThanOrEqual(1e-4);
      const out = await session.run(feeds);
      // Media rows at text positions never reach the loss: their gradient is exactly zero, the media
      // rows at pad positions get a non-zero one.
      const mediaGrad = out[result.gradients[MEDIA_INPUTS.embeds] as string]?.data as Float64Array;
      mask.forEach((m, p) => {
        const row = Array.from(mediaGrad.subarray(p * D, (p + 1) * D));
        if (m === 0) expect(row.every((v) => v === 0), `position ${p}`).toBe(true);
        else expect(row.some((v) => v !== 0), `position ${p}`).toBe(true);
      });
    } finally {
      await session.release();
    }
  });
});
