import { describe, expect, it } from 'vitest';
import { grad, importGraph } from '../../../src-main/ml/autodiff/index.js';
import * as G from '../../../src-main/ml/graph/index.js';
import type { HostTensor } from '../../../src-main/ml/ort/index.js';
import { seededRandom } from '../graph/reference/rng.js';
import { hostOf, openGraph, sampledGradErrors } from './harness/gradCheck.js';
import { ATTENTION_MASK, INPUT_IDS, POSITION_IDS, tinyLmConfig, tinyLmLossGraph, tinyWeights } from './harness/tinyDecoderLoss.js';

const [batch, seq] = [2, 5];
const rand = seededRandom(21);
const ids = Array.from({ length: batch * seq }, () => Math.floor(rand() * 32));
const targets = Array.from({ length: batch * seq }, () => Math.floor(rand() * 32));
// Row 1 has a padded last key, so the additive mask's Where/Add path is on the graph too.
const mask = [1, 1, 1, 1, 1, 1, 1, 1, 1, 0];
const positions = [0, 1, 2].flatMap(() => Array.from({ length: batch * seq }, (_, i) => i % seq));

describe('whole-model gradient: tiny decoder + token cross-entropy (float64)', () => {
  // h = 1e-5 on a loss of ~3.5: round-off ≈ 1e-16·3.5/1e-5 and truncation ≈ h² are both ~1e-10,
  // well under the 1e-4 tolerance. 8 random coordinates + the largest per parameter keep it fast
  // (≈ 470 session runs); checking every coordinate (~5.5k) also passes, at ≈ 6 s, with max error ≈ 6e-9.
  it('∂loss/∂(every parameter) matches central differences (≤ 1e-4 relative, 9 coordinates each)', async () => {
    const config = tinyLmConfig('float64');
    const weights = tinyWeights(config, 3);
    const lossGraph = tinyLmLossGraph(config, weights, batch, seq, targets);
    const params = lossGraph.initializers.map((i) => i.tensor.name);
    expect(params).toHaveLength(1 + 2 * 12 + 1); // tied table, 12 tensors per layer, final norm

    // Params as inputs, so finite differences perturb feeds instead of rebuilding sessions.
    const b = new G.GraphBuilder('tiny_lm_params_as_inputs');
    importGraph(b, lossGraph, { initializersAsInputs: params });
    const result = grad(b.build(), { loss: 'loss', wrt: params });
    expect(G.validateGraph(result.graph)).toEqual([]);

    const feeds: Record<string, HostTensor> = {
      [INPUT_IDS]: hostOf('int64', [batch, seq], ids),
      [ATTENTION_MASK]: hostOf('int64', [batch, seq], mask),
      [POSITION_IDS]: hostOf('int64', [3, batch, seq], positions),
    };
    for (const input of result.graph.inputs) {
      if (input.name.startsWith('past_key_values')) feeds[input.name] = hostOf('float64', input.shape.map(Number), []);
    }
    for (const init of lossGraph.initializers) feeds[init.tensor.name] = { type: 'float64', dims: init.data.dims, data: init.data.data };

    const session = await openGraph(result.graph);
    try {
      const errors = await sampledGradErrors(session, feeds, result.gradients, params, { samples: 8, seed: 5 });
      for (const p of params) expect(errors[p], `∂loss/∂${p}`).toBeLessThanOrEqual(1e-4);
    } finally {
      await session.release();
    }
  });
});
