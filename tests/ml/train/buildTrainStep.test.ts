import { describe, expect, it } from 'vitest';
import { TOKEN_LOG_PROBS } from '../../../src-main/ml/losses/index.js';
import { EMBED_TOKENS } from '../../../src-main/ml/models/decoder/index.js';
import { createSession, type HostTensor } from '../../../src-main/ml/ort/index.js';
import {
  applyTrainStep,
  buildLogProbGraph,
  buildTrainStep,
  buildTrainStepGraph,
  packBatch,
  POLICY_LOG_PROBS,
  QOQ_MED_ADAMW,
  TRAIN_INPUTS,
  type TrainStepOptions,
} from '../../../src-main/ml/train/index.js';
import { feedsFor, paramFeeds } from '../../../src-main/ml/train/hostTensors.js';
import { PAD, SFT_DATA, toyState } from './harness/toyTasks.js';

const [batch, seqLen] = [4, 8];
const FROZEN = EMBED_TOKENS;

function stepOptions(kind: 'sft' | 'grpo', params: readonly string[]): TrainStepOptions {
  return { kind, batch, seqLen, params, optimizer: QOQ_MED_ADAMW, clip: 1, klCoef: 1e-4, clipLow: 0.2, clipHigh: 0.28 };
}

const f32 = (t: HostTensor | undefined): Float32Array => t?.data as Float32Array;

describe('buildTrainStep: one graph per (batch, seqLen) bucket', () => {
  it('GRPO step: batch inputs, frozen params as plain inputs, moments and .next outputs only for trained params', () => {
    const state = toyState();
    const params = state.trainable.filter((p) => p !== FROZEN);
    const graph = buildTrainStepGraph(state.config, stepOptions('grpo', params));
    const inputs = new Map(graph.inputs.map((t) => [t.name, t.shape]));
    for (const name of Object.values(TRAIN_INPUTS)) expect(inputs.has(name), name).toBe(true);
    expect(inputs.get(TRAIN_INPUTS.advantages)).toEqual([batch]);
    expect(inputs.get('input_ids')).toEqual([batch, seqLen]);
    expect(inputs.get(FROZEN)).toEqual([32, 32]);
    expect(inputs.has(`${FROZEN}.m`)).toBe(false);
    for (const p of params) expect(inputs.has(`${p}.m`) && inputs.has(`${p}.v`), p).toBe(true);
    const outputs = graph.outputs.map((t) => t.name);
    expect(outputs.slice(0, 2)).toEqual(['loss', 'grad_norm']);
    expect(outputs).toContain(POLICY_LOG_PROBS);
    expect(outputs).not.toContain(`${FROZEN}.next`);
    expect(outputs.filter((o) => o.endsWith('.next')).length).toBe(3 * params.length);
    expect(graph.initializers).toEqual([]); // weights are fed: one build serves the whole run
  });

  it('SFT step loss = −(masked mean of buildLogProbGraph log-probs); the update moves trained params only', async () => {
    const state = toyState();
    const params = state.trainable.filter((p) => p !== FROZEN);
    const trainState = { ...state, trainable: params, moments: { m: pick(state.moments.m, params), v: pick(state.moments.v, params) } };
    const feeds = packBatch(state.config, SFT_DATA, batch, seqLen, PAD);

    const logProbSession = await createSession(buildLogProbGraph(state.config, batch, seqLen), { intraOpThreads: 1 });
    const stepSession = await createSession(buildTrainStep(state.config, stepOptions('sft', params)), { intraOpThreads: 1 });
    try {
      const logProbs = f32((await logProbSession.run(feedsFor(logProbSession.inputNames, { ...feeds, ...paramFeeds(state.config, state.weights) })))[TOKEN_LOG_PROBS]);
      const mask = f32(feeds[TRAIN_INPUTS.responseMask]);
      let [sum, count] = [0, 0];
      mask.forEach((m, i) => {
        sum -= m * (logProbs[i] as number);
        count += m;
      });
      expect(count).toBe(16); // 4 rows × 4 response tokens (EOS included)

      const frozenBefore = (state.weights[FROZEN] as Float32Array).slice();
      const trainedBefore = (state.weights['model.norm.weight'] as Float32Array).slice();
      const { loss, gradNorm } = await applyTrainStep(stepSession, trainState, feeds, 1e-2);
      expect(loss).toBeCloseTo(sum / count, 5);
      expect(gradNorm).toBeGreaterThan(0);
      expect(trainState.optimizerStep).toBe(1);
      expect(trainState.weights[FROZEN]).toEqual(frozenBefore);
      expect(trainState.weights['model.norm.weight']).not.toEqual(trainedBefore);
    } finally {
      await logProbSession.release();
      await stepSession.release();
    }
  });
});

function pick<T>(table: Record<string, T>, names: readonly string[]): Record<string, T> {
  return Object.fromEntries(names.map((n) => [n, table[n] as T]));
}
