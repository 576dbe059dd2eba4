import { describe, expect, it } from 'vitest';
import { validateGraph } from '../../../../src-main/ml/graph/index.js';
import { buildEmbedTokens, INPUTS_EMBEDS } from '../../../../src-main/ml/models/decoder/index.js';
import { embedRef } from './reference/decoderForwardRef.js';
import { openGraph } from './harness/decoderSession.js';
import { tinyConfig, tinyWeights } from './harness/tinyDecoder.js';

describe('embed_tokens graph', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    it(`maps input_ids (B, S) to the embedding rows exactly (${dtype})`, async () => {
      const config = tinyConfig(dtype);
      const weights = tinyWeights(config);
      const g = buildEmbedTokens(config, weights);
      const graph = g.build();
      expect(validateGraph(graph)).toEqual([]);
      expect(graph.initializers.map((i) => i.tensor.name)).toEqual(['model.embed_tokens.weight']);
      const session = await openGraph(g, dtype);
      try {
        expect(session.inputNames).toEqual(['input_ids']);
        expect(session.outputNames).toEqual([INPUTS_EMBEDS]);
        const ids = [0, 63, 5, 5, 17, 2];
        const out = await session.run({ input_ids: { type: 'int64', dims: [2, 3], data: BigInt64Array.from(ids, BigInt) } });
        expect(out[INPUTS_EMBEDS]?.dims).toEqual([2, 3, config.hiddenSize]);
        expect(Array.from(out[INPUTS_EMBEDS]?.data ?? [], Number)).toEqual(Array.from(embedRef(config, weights, ids)));
      } finally {
        await session.release();
      }
    });
  }
});
