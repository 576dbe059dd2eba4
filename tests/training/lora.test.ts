/**
 * LoRA on the toy decoder, plugged in from outside the policy-forward code: applyLora rewrites a
 * forward-with-loss graph, trainingStepGraph trains only the factors, and mergeLora folds them back.
 * Checked: zero B reproduces the base loss exactly; LoRA-only steps lower the SFT loss and never output
 * a base weight; the merged weights (computed in TypeScript) give the LoRA graph's loss; targets and
 * initial values follow the settings.
 */
import { describe, expect, it } from 'vitest';
import { GraphBuilder, type Graph } from '../../src-main/ml/graph/index.js';
import { sftLoss } from '../../src-main/ml/losses/index.js';
import { decoderParameterSpecs } from '../../src-main/ml/models/decoder/index.js';
import { paramStateNames, trainingStepGraph, TRAINING_STEP } from '../../src-main/ml/optim/index.js';
import { createSession, type HostTensor } from '../../src-main/ml/ort/index.js';
import { appendPolicyForward } from '../../src-main/ml/train/appendPolicyForward.js';
import { graphBytes } from '../../src-main/ml/train/graphBytes.js';
import { TRAIN_INPUTS } from '../../src-main/ml/train/graphNames.js';
import { float32Tensor, feedsFor, paramFeeds } from '../../src-main/ml/train/hostTensors.js';
import { applyLora } from '../../src-main/ml/train/loraGraph.js';
import { initLoraWeights } from '../../src-main/ml/train/loraInit.js';
import { mergeLora } from '../../src-main/ml/train/loraMerge.js';
import { DEFAULT_LORA, loraNames, loraTargetWeights, type LoraSettings } from '../../src-main/ml/train/loraSettings.js';
import { QOQ_MED_ADAMW } from '../../src-main/ml/train/OptimizerSettings.js';
import { packBatch } from '../../src-main/ml/train/packBatch.js';
import type { ParamTable } from '../../src-main/ml/train/TrainerState.js';
import { PAD, SFT_DATA, toyState } from '../ml/train/harness/toyTasks.js';

const [batch, seqLen] = [4, 8];
const SETTINGS: LoraSettings = { ...DEFAULT_LORA, rank: 4, alpha: 8, seed: 7 };

/** The SFT forward-with-loss graph, every decoder weight a plain (frozen) input. */
function sftForward(config: ReturnType<typeof toyState>['config']): Graph {
  const g = new GraphBuilder('toy_sft_forward');
  const logits = appendPolicyForward(g, config, { bucket: { batch, seqLen }, asInitializers: [] });
  const targets = g.input(TRAIN_INPUTS.targetIds, 'int64', [batch, seqLen]);
  const mask = g.input(TRAIN_INPUTS.responseMask, 'float32', [batch, seqLen]);
  g.output(sftLoss(g, logits, targets, mask), 'loss');
  return g.build();
}

async function lossOf(graph: Graph, feeds: Record<string, HostTensor>): Promise<number> {
  const session = await createSession(graphBytes(graph), { intraOpThreads: 1 });
  try {
    const out = await session.run(feedsFor(session.inputNames, feeds), ['loss']);
    return (out['loss']!.data as Float32Array)[0]!;
  } finally {
    await session.release();
  }
}

const shapesOf = (config: ReturnType<typeof toyState>['config']): Map<string, readonly number[]> => new Map(decoderParameterSpecs(config).map((s) => [s.name, s.dims]));

describe('LoRA on attention/MLP projections', () => {
  it('selects the projection weights of the chosen kinds; A is bounded by 1/√in, B is zero', () => {
    const { config } = toyState();
    const all = loraTargetWeights(shapesOf(config), SETTINGS);
    expect(all.map((n) => n.replace('model.layers.0.', '')).sort()).toEqual(
      ['mlp.down_proj.weight', 'mlp.gate_proj.weight', 'mlp.up_proj.weight', 'self_attn.k_proj.weight', 'self_attn.o_proj.weight', 'self_attn.q_proj.weight', 'self_attn.v_proj.weight'].sort(),
    );
    expect(loraTargetWeights(shapesOf(config), { ...SETTINGS, targets: ['q_proj', 'v_proj'] })).toEqual(['model.layers.0.self_attn.q_proj.weight', 'model.layers.0.self_attn.v_proj.weight']);
    const q = 'model.layers.0.self_attn.q_proj.weight';
    const init = initLoraWeights(new Map([[q, [32, 32] as const]]), SETTINGS);
    expect(init[loraNames(q).a]).toHaveLength(4 * 32);
    expect(Math.max(...init[loraNames(q).a]!.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(32));
    expect(init[loraNames(q).b]!.every((v) => v === 0)).toBe(true);
    expect(initLoraWeights(new Map([[q, [32, 32] as const]]), SETTINGS)[loraNames(q).a]).toEqual(init[loraNames(q).a]); // seeded
    expect(() => loraTargetWeights(shapesOf(config), { ...SETTINGS, rank: 0 })).toThrow(/rank/);
  });

  it('B = 0 gives the base loss exactly; LoRA-only steps lower it; the merged weights reproduce the adapted loss', async () => {
    const state = toyState();
    const { config } = state;
    const forward = sftForward(config);
    const shapes = shapesOf(config);
    const targets = new Map(loraTargetWeights(shapes, SETTINGS).map((n) => [n, shapes.get(n) as [number, number]]));
    let factors: ParamTable = initLoraWeights(targets, SETTINGS);
    const lora = applyLora(forward, SETTINGS, factors);
    expect(lora.params).toHaveLength(2 * 7);

    const batchFeeds = packBatch(config, SFT_DATA, batch, seqLen, PAD);
    const baseFeeds = { ...batchFeeds, ...paramFeeds(config, state.weights) };
    const factorFeeds = (table: ParamTable): Record<string, HostTensor> =>
      Object.fromEntries(lora.params.map((p) => [p, float32Tensor(p.endsWith('lora_A') ? [SETTINGS.rank, targets.get(p.replace(/\.lora_A$/, ''))![1]] : [targets.get(p.replace(/\.lora_B$/, ''))![0], SETTINGS.rank], table[p]!)]));
    const baseLoss = await lossOf(forward, baseFeeds);
    // The factors are initializers of the LoRA forward graph (a step graph feeds them as inputs instead).
    expect(await lossOf(lora.graph, baseFeeds)).toBe(baseLoss);

    // LoRA-only training: the step graph takes the factors (+ moments) and outputs only their updates.
    const step = trainingStepGraph(lora.graph, { loss: 'loss', params: lora.params, optimizer: QOQ_MED_ADAMW, clipGlobalNorm: 1 });
    const nextOutputs = step.outputs.map((t) => t.name).filter((n) => n.endsWith('.next') && !n.endsWith('.m.next') && !n.endsWith('.v.next'));
    expect(nextOutputs.sort()).toEqual(lora.params.map((p) => `${p}.next`).sort());
    const session = await createSession(graphBytes(step), { intraOpThreads: 1 });
    const moments: ParamTable = {};
    for (const p of lora.params) moments[paramStateNames(p).m] = moments[paramStateNames(p).v] = new Float32Array(factors[p]!.length);
    const losses: number[] = [];
    try {
      for (let t = 1; t <= 60; t++) {
        const feeds: Record<string, HostTensor> = { ...baseFeeds, ...factorFeeds(factors), [TRAINING_STEP.step]: float32Tensor([], Float32Array.of(t)), [TRAINING_STEP.lr]: float32Tensor([], Float32Array.of(3e-2)) };
        for (const p of lora.params) {
          const names = paramStateNames(p);
          const dims = feeds[p]!.dims;
          feeds[names.m] = float32Tensor(dims, moments[names.m]!);
          feeds[names.v] = float32Tensor(dims, moments[names.v]!);
        }
        const out = await session.run(feedsFor(session.inputNames, feeds));
        losses.push((out['loss']!.data as Float32Array)[0]!);
        const next: ParamTable = {};
        for (const p of lora.params) {
          const names = paramStateNames(p);
          next[p] = out[names.next]!.data as Float32Array;
          moments[names.m] = out[names.mNext]!.data as Float32Array;
          moments[names.v] = out[names.vNext]!.data as Float32Array;
        }
        factors = next;
      }
    } finally {
      await session.release();
    }
    expect(losses[0]).toBeCloseTo(baseLoss, 5);
    // Only rank-4 factors learn (embeddings, norms and the tied head stay frozen): a clear, steady drop
    // (3.49 → 2.91 here), not the full fit of SFT on every weight.
    expect(losses.at(-1)!).toBeLessThan(0.9 * losses[0]!);
    expect(Math.max(...losses.slice(-10))).toBeLessThan(Math.min(...losses.slice(0, 5)));
    expect(factors[loraNames([...targets.keys()][0]!).b]!.some((v) => v !== 0)).toBe(true);

    // Merge in TypeScript, then run the plain graph with merged weights: same loss as the adapted graph.
    const adapted = await lossOf(applyLora(forward, SETTINGS, factors).graph, baseFeeds);
    const merged = mergeLora(state.weights, factors, targets, SETTINGS);
    const mergedLoss = await lossOf(forward, { ...batchFeeds, ...paramFeeds(config, merged) });
    expect(Math.abs(mergedLoss - adapted) / adapted).toBeLessThan(1e-5);
    expect(adapted).toBeLessThan(0.9 * baseLoss);
  });

  it('mergeLora computes W + (alpha/rank)·B·A (hand-checked 2×3 case)', () => {
    const w = 'model.layers.0.self_attn.q_proj.weight';
    const s: LoraSettings = { ...SETTINGS, rank: 1, alpha: 2 }; // scale 2
    // B = [1, 2]ᵀ, A = [3, 0, -1]: B·A = [[3, 0, -1], [6, 0, -2]]; ×2 = [[6, 0, -2], [12, 0, -4]].
    const merged = mergeLora({ [w]: Float32Array.of(1, 1, 1, 0, 0, 0) }, { [loraNames(w).a]: Float32Array.of(3, 0, -1), [loraNames(w).b]: Float32Array.of(1, 2) }, new Map([[w, [2, 3] as const]]), s);
    expect(Array.from(merged[w]!)).toEqual([7, 1, -1, 12, 0, -4]);
  });
});
