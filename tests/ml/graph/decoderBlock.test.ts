import { describe, expect, it } from 'vitest';
import * as G from '../../../src-main/ml/graph/index.js';
import { expectClose } from './reference/expectClose.js';
import { seededRandom, uniform } from './reference/rng.js';
import { decoderBlockRef, type BlockConfig, type BlockWeights } from './reference/transformer.js';
import { host, outputOf, runGraph } from './harness/runGraph.js';

const cfg: BlockConfig = { hidden: 32, heads: 4, kvHeads: 2, headDim: 8, ffn: 48, theta: 10000, eps: 1e-6 };

function randomWeights(seed: number): BlockWeights {
  const rand = seededRandom(seed);
  const { hidden: c, heads, kvHeads, headDim: d, ffn } = cfg;
  const proj = (inDim: number, outDim: number) => uniform(rand, inDim * outDim, -1 / Math.sqrt(inDim), 1 / Math.sqrt(inDim));
  return {
    attnNorm: uniform(rand, c, 0.8, 1.2),
    wq: proj(c, heads * d),
    wk: proj(c, kvHeads * d),
    wv: proj(c, kvHeads * d),
    wo: proj(heads * d, c),
    mlpNorm: uniform(rand, c, 0.8, 1.2),
    gate: proj(c, ffn),
    up: proj(c, ffn),
    down: proj(ffn, c),
  };
}

/** The block as a model author would write it with the DSL (pre-norm, GQA + RoPE, SwiGLU). */
function buildBlock(dtype: 'float32' | 'float64', w: BlockWeights): G.GraphBuilder {
  const { hidden: c, heads, kvHeads, headDim: d, ffn } = cfg;
  const g = new G.GraphBuilder('decoder_block');
  const param = (name: string, v: number[], dims: number[]) => g.initializer(name, dtype === 'float32' ? Float32Array.from(v) : Float64Array.from(v), dims);
  const x = g.input('inputs_embeds', dtype, ['batch', 'seq', c]); // (B, S, C)
  const attentionMask = g.input('attention_mask', 'int64', ['batch', 'seq']); // (B, S)
  const positionIds = g.input('position_ids', 'int64', ['batch', 'seq']); // (B, S)

  const h = G.rmsNorm(g, x, param('attn_norm', w.attnNorm, [c]), cfg.eps);
  const rope = G.ropeTables(g, positionIds, d, cfg.theta, dtype);
  const q = G.applyRope(g, G.splitHeads(g, G.linear(g, h, param('q_proj', w.wq, [c, heads * d])), heads), rope); // (B, H, S, D)
  const k = G.applyRope(g, G.splitHeads(g, G.linear(g, h, param('k_proj', w.wk, [c, kvHeads * d])), kvHeads), rope); // (B, KV, S, D)
  const v = G.splitHeads(g, G.linear(g, h, param('v_proj', w.wv, [c, kvHeads * d])), kvHeads); // (B, KV, S, D)
  const mask = G.causalAttentionMask(g, attentionMask, x, dtype); // (B, 1, S, S)
  const attn = G.mergeHeads(g, G.scaledDotProductAttention(g, q, k, v, { mask })); // (B, S, H·D)
  const x1 = G.add(g, x, G.linear(g, attn, param('o_proj', w.wo, [heads * d, c]))); // (B, S, C)

  const m = G.rmsNorm(g, x1, param('mlp_norm', w.mlpNorm, [c]), cfg.eps);
  const mlp = G.swigluMlp(g, m, { gate: param('gate_proj', w.gate, [c, ffn]), up: param('up_proj', w.up, [c, ffn]), down: param('down_proj', w.down, [ffn, c]) });
  g.output(G.add(g, x1, mlp), 'hidden_states', ['batch', 'seq', c]);
  return g;
}

describe('decoder block (RMSNorm → GQA + RoPE + causal mask → residual → RMSNorm → SwiGLU → residual)', () => {
  const [batch, seq] = [2, 6];
  const w = randomWeights(42);
  const xv = uniform(seededRandom(7), batch * seq * cfg.hidden, -2, 2);
  const mask = [1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1]; // second row left-padded
  const positions = [0, 1, 2, 3, 4, 5, 1, 1, 0, 1, 2, 3]; // HF-style cumsum − 1 for the padded row
  const want = decoderBlockRef(Float64Array.from(xv), mask, positions, batch, seq, cfg, w);

  // float32: many chained ops (two norms, 4 matmul stages, softmax) – 1e-4 of the output's scale.
  for (const [dtype, tolerance] of [['float32', 1e-4], ['float64', 1e-10]] as const) {
    it(`matches the loop reference in ${dtype} (≤ ${tolerance} relative)`, async () => {
      const g = buildBlock(dtype, w);
      expect(G.validateGraph(g.build())).toEqual([]);
      const out = await runGraph(g, {
        inputs_embeds: host(dtype, [batch, seq, cfg.hidden], xv),
        attention_mask: host('int64', [batch, seq], mask),
        position_ids: host('int64', [batch, seq], positions),
      });
      expect(outputOf(out, 'hidden_states').dims).toEqual([batch, seq, cfg.hidden]);
      expectClose(outputOf(out, 'hidden_states').data, want, tolerance);
    });
  }
});
