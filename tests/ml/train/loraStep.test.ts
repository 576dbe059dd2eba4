/**
 * LoRA in the training-step graph. (1) The gradient of the LoRA-rewritten SFT loss with respect to the
 * factors, on a tiny float64 decoder, against central finite differences — independent of the
 * gradient rules. (2) buildTrainStep's `lora` option: the base weights are fed but never output, only
 * the factors are updated, and its grad_norm equals the float64 gradient's norm of the same model.
 */
import { describe, expect, it } from 'vitest';
import { grad, importGraph } from '../../../src-main/ml/autodiff/index.js';
import * as G from '../../../src-main/ml/graph/index.js';
import { sftLoss } from '../../../src-main/ml/losses/index.js';
import { ATTENTION_MASK, decoderParameterSpecs, INPUT_IDS, POSITION_IDS, type DecoderConfig } from '../../../src-main/ml/models/decoder/index.js';
import { createSession, type HostTensor } from '../../../src-main/ml/ort/index.js';
import { applyTrainStep, appendPolicyForward, buildTrainStep, buildTrainStepGraph, createTrainerState, packBatch, QOQ_MED_ADAMW, TRAIN_INPUTS } from '../../../src-main/ml/train/index.js';
import { applyLora } from '../../../src-main/ml/train/loraGraph.js';
import { loraNames, type LoraSettings } from '../../../src-main/ml/train/loraSettings.js';
import { loraFactorShapes, loraTargets, refreshAdaptedWeights } from '../../../src-main/ml/train/loraState.js';
import { hostOf, openGraph, sampledGradErrors } from '../autodiff/harness/gradCheck.js';
import { tinyLmConfig } from '../autodiff/harness/tinyDecoderLoss.js';
import { seededRandom } from '../graph/reference/rng.js';
import { tinyWeights } from '../models/decoder/harness/tinyDecoder.js';
import { PAD, SFT_DATA } from './harness/toyTasks.js';

const SETTINGS: LoraSettings = { rank: 2, alpha: 3, targets: ['q_proj', 'v_proj', 'o_proj', 'down_proj'], seed: 5 };

/** SFT forward-with-loss with every weight an input, the loss mask in the config's float type. */
function sftForward(config: DecoderConfig, batch: number, seqLen: number): G.Graph {
  const g = new G.GraphBuilder('sft_forward');
  const logits = appendPolicyForward(g, config, { bucket: { batch, seqLen }, asInitializers: [] });
  const loss = sftLoss(g, logits, g.input(TRAIN_INPUTS.targetIds, 'int64', [batch, seqLen]), g.input(TRAIN_INPUTS.responseMask, config.dtype, [batch, seqLen]));
  g.output(loss, 'loss');
  return g.build();
}

/** Random non-zero A and B (a fresh B = 0 would make ∂/∂A vanish and hide a mis-wired A). */
function randomFactors(config: DecoderConfig, settings: LoraSettings, seed: number): Record<string, Float32Array> {
  const rand = seededRandom(seed);
  const shapes = loraFactorShapes(loraTargets(config, settings), settings.rank);
  return Object.fromEntries([...shapes].map(([n, [r, c]]) => [n, Float32Array.from({ length: (r as number) * (c as number) }, () => (rand() - 0.5) * 0.6)]));
}

describe('LoRA step gradients', () => {
  it('∂loss/∂A and ∂loss/∂B of the LoRA graph match central differences on a float64 decoder', async () => {
    const config = tinyLmConfig('float64');
    const [batch, seqLen] = [2, 5];
    const factors = randomFactors(config, SETTINGS, 11);
    const lora = applyLora(sftForward(config, batch, seqLen), SETTINGS, factors);
    // Factors as fed inputs (what trainingStepGraph does), so finite differences can perturb them.
    const g = new G.GraphBuilder('lora_fed');
    importGraph(g, lora.graph, { initializersAsInputs: lora.params });
    const fed = g.build();
    const result = grad(fed, { loss: 'loss', wrt: lora.params });

    const rand = seededRandom(17);
    const weights = tinyWeights(config, 3);
    const feeds: Record<string, HostTensor> = {
      [INPUT_IDS]: hostOf('int64', [batch, seqLen], Array.from({ length: batch * seqLen }, () => Math.floor(rand() * config.vocabSize))),
      [ATTENTION_MASK]: hostOf('int64', [batch, seqLen], new Array(batch * seqLen).fill(1)),
      [POSITION_IDS]: hostOf('int64', [3, batch, seqLen], Array.from({ length: 3 * batch * seqLen }, (_, i) => i % seqLen)),
      [TRAIN_INPUTS.targetIds]: hostOf('int64', [batch, seqLen], Array.from({ length: batch * seqLen }, () => Math.floor(rand() * config.vocabSize))),
      [TRAIN_INPUTS.responseMask]: hostOf('float64', [batch, seqLen], [0, 1, 1, 1, 0, 0, 0, 1, 1, 1]),
    };
    for (const spec of decoderParameterSpecs(config)) feeds[spec.name] = { type: 'float64', dims: spec.dims, data: weights[spec.name]!.data };
    const shapes = loraFactorShapes(loraTargets(config, SETTINGS), SETTINGS.rank);
    for (const [name, dims] of shapes) feeds[name] = { type: 'float64', dims, data: Float64Array.from(factors[name]!) };
    for (const input of result.graph.inputs) if (input.name.startsWith('past_key_values')) feeds[input.name] = hostOf('float64', input.shape.map(Number), []);

    const session = await openGraph(result.graph);
    try {
      const checked = ['model.layers.0.self_attn.q_proj.weight', 'model.layers.1.mlp.down_proj.weight'].flatMap((w) => [loraNames(w).a, loraNames(w).b]);
      const errors = await sampledGradErrors(session, feeds, result.gradients, checked, { samples: 6, seed: 23 });
      for (const name of checked) expect(errors[name], `∂loss/∂${name}`).toBeLessThanOrEqual(1e-4);
    } finally {
      await session.release();
    }
  });

  it('buildTrainStep({lora}): base weights are inputs only, the factors are updated, grad_norm is the float64 gradient norm', async () => {
    const config = tinyLmConfig('float32');
    const [batch, seqLen] = [4, 8];
    const weights = tinyWeights(config, 3);
    const state = createTrainerState(config, weights, { lora: SETTINGS });
    // Non-zero B, so every factor has a gradient (the fresh B = 0 gives ∂/∂A = 0).
    const factors = randomFactors(config, SETTINGS, 29);
    for (const [n, v] of Object.entries(factors)) state.lora!.factors[n] = v.slice();
    refreshAdaptedWeights(state.weights, state.lora!); // as after earlier updates: weights ≠ base now

    const step = buildTrainStepGraph(config, { kind: 'sft', batch, seqLen, params: state.trainable, lora: SETTINGS, optimizer: QOQ_MED_ADAMW, clip: 1 });
    const nexts = step.outputs.map((t) => t.name).filter((n) => n.endsWith('.next') && !n.endsWith('.m.next') && !n.endsWith('.v.next'));
    expect(nexts.sort()).toEqual(state.trainable.map((p) => `${p}.next`).sort());
    expect(state.trainable).toHaveLength(2 * 2 * 4); // A and B × 2 layers × 4 projection kinds
    const inputs = new Set(step.inputs.map((t) => t.name));
    for (const spec of decoderParameterSpecs(config)) expect(inputs.has(spec.name), spec.name).toBe(true);

    const batchFeeds = packBatch(config, SFT_DATA, batch, seqLen, PAD);
    const baseBefore = Object.fromEntries(Object.entries(state.lora!.base).map(([k, v]) => [k, v.slice()]));
    const session = await createSession(buildTrainStep(config, { kind: 'sft', batch, seqLen, params: state.trainable, lora: SETTINGS, optimizer: QOQ_MED_ADAMW }), { intraOpThreads: 1 });
    let gradNorm: number;
    try {
      gradNorm = (await applyTrainStep(session, state, batchFeeds, 1e-2)).gradNorm;
    } finally {
      await session.release();
    }
    for (const [name, before] of Object.entries(baseBefore)) expect(state.lora!.base[name], name).toEqual(before);
    for (const p of state.trainable) expect(state.lora!.factors[p], p).not.toEqual(factors[p]);
    // The policy weights follow the updated factors: W + (alpha/rank)·B·A, by hand for one entry.
    const q = 'model.layers.0.self_attn.q_proj.weight';
    const [a, b] = [state.lora!.factors[loraNames(q).a]!, state.lora!.factors[loraNames(q).b]!];
    const inp = config.hiddenSize;
    const [o, i] = [3, 5];
    const byHand = baseBefore[q]![o * inp + i]! + (SETTINGS.alpha / SETTINGS.rank) * (b[o * 2]! * a[i]! + b[o * 2 + 1]! * a[inp + i]!);
    expect(state.weights[q]![o * inp + i]).toBeCloseTo(byHand, 6);
    expect(state.weights['model.norm.weight']).toEqual(baseBefore['model.norm.weight']);

    // The same batch through the float64 twin (same weights and factors, widened): its gradient norm.
    const config64 = tinyLmConfig('float64');
    const lora64 = applyLora(sftForward(config64, batch, seqLen), SETTINGS, factors);
    const g = new G.GraphBuilder('lora_fed64');
    importGraph(g, lora64.graph, { initializersAsInputs: lora64.params });
    const result = grad(g.build(), { loss: 'loss', wrt: lora64.params });
    const feeds64: Record<string, HostTensor> = {};
    for (const [name, t] of Object.entries(batchFeeds)) feeds64[name] = t.type === 'float32' ? { type: 'float64', dims: t.dims, data: Float64Array.from(t.data as Float32Array) } : t;
    for (const spec of decoderParameterSpecs(config64)) feeds64[spec.name] = { type: 'float64', dims: spec.dims, data: Float64Array.from(weights[spec.name]!.data) };
    for (const [name, dims] of loraFactorShapes(lora64.targets, SETTINGS.rank)) feeds64[name] = { type: 'float64', dims, data: Float64Array.from(factors[name]!) };
    const session64 = await openGraph(result.graph);
    try {
      const out = await session64.run(Object.fromEntries(result.graph.inputs.map((t) => [t.name, feeds64[t.name] as HostTensor])));
      let sq = 0;
      for (const p of lora64.params) for (const v of out[result.gradients[p] as string]!.data as Float64Array) sq += v * v;
      expect(Math.abs(gradNorm - Math.sqrt(sq)) / Math.sqrt(sq)).toBeLessThan(1e-4);
    } finally {
      await session64.release();
    }
  });

  it('rejects params that are not exactly the factors, and models without the targeted projections', () => {
    const config = tinyLmConfig('float32');
    const state = createTrainerState(config, tinyWeights(config, 3), { lora: SETTINGS });
    expect(() => buildTrainStepGraph(config, { kind: 'sft', batch: 1, seqLen: 4, params: state.trainable.slice(1), lora: SETTINGS, optimizer: QOQ_MED_ADAMW })).toThrow(/params must be exactly the 16 factors/);
    expect(() => buildTrainStepGraph(config, { kind: 'sft', batch: 1, seqLen: 4, params: ['model.norm.weight'], lora: SETTINGS, optimizer: QOQ_MED_ADAMW })).toThrow(/exactly/);
    expect(() => createTrainerState(config, tinyWeights(config, 3), { lora: SETTINGS, trainable: ['model.norm.weight'] })).toThrow(/only the adapter factors/);
    expect(() => createTrainerState(config, tinyWeights(config, 3), { lora: { ...SETTINGS, targets: [] } })).toThrow(/no .*projection weights/);
  });
});
