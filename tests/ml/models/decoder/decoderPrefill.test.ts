import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel, toModelProto, validateGraph } from '../../../../src-main/ml/graph/index.js';
import { buildDecoderMerged, decoderInputNames, decoderOutputNames, LOGITS } from '../../../../src-main/ml/models/decoder/index.js';
import { expectClose } from '../../graph/reference/expectClose.js';
import { seededRandom } from '../../graph/reference/rng.js';
import { decoderForwardRef } from './reference/decoderForwardRef.js';
import { decoderFeeds, openGraph, textPositions } from './harness/decoderSession.js';
import { tinyConfig, tinyWeights } from './harness/tinyDecoder.js';

const [batch, seq] = [2, 6];
const rand = seededRandom(5);
const ids = Array.from({ length: batch * seq }, () => Math.floor(rand() * 64));
const mask = new Array<number>(batch * seq).fill(1);
const positions = textPositions(batch, seq);

describe('decoder_model_merged prefill', () => {
  // float32: two layers of chained matmuls, norms and softmax vs a float64 reference.
  const cases = [
    ['float32', false, 1e-4],
    ['float32', true, 1e-4],
    ['float64', false, 1e-9],
    ['float64', true, 1e-9],
  ] as const;
  for (const [dtype, tied, tolerance] of cases) {
    it(`logits match the loop reference (${dtype}, ${tied ? 'tied' : 'untied'} lm_head, ≤ ${tolerance} relative)`, async () => {
      const config = tinyConfig(dtype, tied);
      const weights = tinyWeights(config, tied ? 2 : 1);
      const g = buildDecoderMerged(config, weights);
      expect(validateGraph(g.build())).toEqual([]);
      const session = await openGraph(g, dtype);
      try {
        const out = await session.run(decoderFeeds(config, weights, { batch, seq, ids, mask, positions }));
        const logits = out[LOGITS];
        expect(logits?.dims).toEqual([batch, seq, config.vocabSize]);
        expectClose(logits?.data ?? [], decoderForwardRef(config, weights, { batch, seq, ids, mask, positions }), tolerance);
      } finally {
        await session.release();
      }
    });
  }
});

describe('decoder_model_merged layout (transformers.js / onnx-community Qwen2-VL)', () => {
  const config = tinyConfig('float32');
  const weights = tinyWeights(config);
  const graph = buildDecoderMerged(config, weights).build();
  const [kv, dh, d, v] = [config.numKvHeads, config.headDim, config.hiddenSize, config.vocabSize];

  it('has exactly the public input and output names, in order, as ONNX Runtime reports them', async () => {
    const session = await openGraph(buildDecoderMerged(config, weights), 'float32');
    try {
      expect(session.inputNames).toEqual([
        'inputs_embeds',
        'attention_mask',
        'position_ids',
        'past_key_values.0.key',
        'past_key_values.0.value',
        'past_key_values.1.key',
        'past_key_values.1.value',
      ]);
      expect(session.outputNames).toEqual(['logits', 'present.0.key', 'present.0.value', 'present.1.key', 'present.1.value']);
      expect(session.inputNames).toEqual(decoderInputNames(config.numLayers));
      expect(session.outputNames).toEqual(decoderOutputNames(config.numLayers));
    } finally {
      await session.release();
    }
  });

  it('declares the public dtypes and shapes in the serialised model', () => {
    const model = decodeModel(encodeModel(toModelProto(graph, { opset: 17, producer: 't' }).model));
    const io = [...(model.graph?.input ?? []), ...(model.graph?.output ?? [])].map((vi) => ({
      name: vi.name,
      elemType: vi.type?.tensorType?.elemType,
      dims: (vi.type?.tensorType?.shape?.dim ?? []).map((dim) => (dim.dimParam ? dim.dimParam : Number(dim.dimValue))),
    }));
    const [f32, i64] = [1, 7];
    const cache = (name: string, len: string) => ({ name, elemType: f32, dims: ['batch_size', kv, len, dh] });
    expect(io).toEqual([
      { name: 'inputs_embeds', elemType: f32, dims: ['batch_size', 'seq', d] },
      { name: 'attention_mask', elemType: i64, dims: ['batch_size', 'total_seq'] },
      { name: 'position_ids', elemType: i64, dims: [3, 'batch_size', 'seq'] },
      cache('past_key_values.0.key', 'past_seq'),
      cache('past_key_values.0.value', 'past_seq'),
      cache('past_key_values.1.key', 'past_seq'),
      cache('past_key_values.1.value', 'past_seq'),
      { name: 'logits', elemType: f32, dims: ['batch_size', 'seq', v] },
      cache('present.0.key', 'total_seq'),
      cache('present.0.value', 'total_seq'),
      cache('present.1.key', 'total_seq'),
      cache('present.1.value', 'total_seq'),
    ]);
  });

  it('emits the weights as initializers with their Hugging Face names and shapes (the table lives in embed_tokens)', () => {
    const inits = graph.initializers.map((init) => [init.tensor.name, init.tensor.shape]);
    const expected = Object.entries(weights).filter(([name]) => name !== 'model.embed_tokens.weight');
    expect(inits).toEqual(expected.map(([name, w]) => [name, w.dims]));
    expect(inits).toContainEqual(['model.layers.1.self_attn.q_proj.weight', [config.numHeads * dh, d]]);
    expect(inits).toContainEqual(['lm_head.weight', [v, d]]);
  });

  it('ties lm_head to the embedding table: the decoder holds model.embed_tokens.weight, no lm_head.weight', () => {
    const tied = tinyConfig('float32', true);
    const names = buildDecoderMerged(tied, tinyWeights(tied)).build().initializers.map((i) => i.tensor.name);
    expect(names).toContain('model.embed_tokens.weight');
    expect(names).not.toContain('lm_head.weight');
  });

  it('refuses weights that do not fit the config', () => {
    const { ['model.norm.weight']: _dropped, ...missing } = weights;
    expect(() => buildDecoderMerged(config, missing)).toThrow("missing 'model.norm.weight'");
    const wrongDtype = { ...weights, 'model.norm.weight': { dims: [d], data: new Float64Array(d) } };
    expect(() => buildDecoderMerged(config, wrongDtype)).toThrow('is not float32');
  });
});
