/**
 * Multimodal GRPO: questions that carry media (prompt positions, rope delta, encoder rows at pads) go
 * through KV-cached rollouts, log-probs and the PPO step. Two checks:
 *  - the sampler's per-token log-probs (read from the runtime KV-cache step's logits) equal the
 *    full-sequence multimodal log-prob graph's, on M-RoPE positions with a nonzero rope delta;
 *  - a toy task only the media can solve: every prompt has the same token ids, the class is carried by
 *    the media row alone, and the answer token depends on the class — reward rises for BOTH classes.
 */
import { describe, expect, it } from 'vitest';
import { grpoTrainer, openPolicySampler, rolloutSample, SessionCache, type GrpoQuestion, type GrpoStepMetrics, type RewardFn } from '../../../src-main/ml/train/index.js';
import { computeLogProbs } from '../../../src-main/ml/train/computeLogProbs.js';
import { Mulberry32 } from '../../../src-main/ml/advantages/index.js';
import { BOS, EOS, PAD, toyState } from './harness/toyTasks.js';

const MEDIA_PAD = 5;

function gaussianRows(n: number, dim: number, seed: number, scale: number): Float32Array {
  const rng = new Mulberry32(seed);
  // Box–Muller from the project's seeded uniform stream.
  return Float32Array.from({ length: n * dim }, () => scale * Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next()));
}

describe('KV-cached rollouts of a multimodal question', () => {
  it.each([1, 0.7])('log-probs of sampled tokens equal the full-sequence log-prob graph (temperature %s) to 1e-5', async (temperature) => {
    const state = toyState({ initSeed: 3 });
    const hidden = state.config.hiddenSize;
    // Three media pads laid out like a 1×3 image grid, then text: rope delta = next position − length = 4 − 6.
    const question: GrpoQuestion = {
      id: 'mm',
      promptIds: [BOS, MEDIA_PAD, MEDIA_PAD, MEDIA_PAD, 7, 8],
      domain: 'x',
      answerLabels: ['10'],
      media: { promptPositions: [[0, 1, 1, 1, 2, 3], [0, 1, 1, 1, 2, 3], [0, 1, 2, 3, 2, 3]], ropeDelta: -2, mediaPositions: [1, 2, 3], mediaRows: gaussianRows(3, hidden, 11, 1) },
    };
    const sampler = await openPolicySampler(state.config, state.weights);
    const sampled = await sampler.sample(question, { numSequences: 3, doSample: true, temperature, seed: 5, maxNewTokens: 7, eosTokenIds: [EOS], padTokenId: PAD }).finally(() => sampler.release());
    expect(sampled).not.toBeNull();
    const { tokenIds, logProbs } = sampled!;
    const sessions = new SessionCache();
    try {
      const rows = tokenIds.map((responseIds) => rolloutSample({ question, responseIds }));
      const full = await computeLogProbs({ sessions, config: state.config, weights: state.weights, rows, batch: 3, seqLen: 16, padId: PAD, temperature });
      let compared = 0;
      tokenIds.forEach((ids, r) => {
        expect(logProbs[r]).toHaveLength(ids.length);
        ids.forEach((_, j) => {
          // Row t of the graph's output is log p of token t + 1: response token j sits at prompt length + j.
          const graph = (full[r] as Float32Array)[question.promptIds.length - 1 + j] as number;
          expect(Math.abs((logProbs[r]![j] as number) - graph)).toBeLessThan(1e-5);
          compared++;
        });
      });
      expect(compared).toBeGreaterThan(6);
    } finally {
      await sessions.release();
    }
  });
});

describe('grpoTrainer on a multimodal toy task', () => {
  it('learns to answer from the media row alone: reward rises for both classes', async () => {
    const state = toyState({ initSeed: 4, keepReference: true });
    const hidden = state.config.hiddenSize;
    const row = gaussianRows(1, hidden, 21, 3);
    const classRows = [row, row.map((v) => -v)]; // opposite directions: as distinct as two rows can be
    // Identical prompt ids; class k's media row and answer token 10 + k. Positions: plain text ones.
    const questions: GrpoQuestion[] = [0, 1, 0, 1].map((k, i) => ({
      id: `q${i}`,
      promptIds: [BOS, MEDIA_PAD, 3],
      domain: `class${k}`,
      answerLabels: [String(10 + k)],
      media: { promptPositions: [[0, 1, 2], [0, 1, 2], [0, 1, 2]], ropeDelta: 0, mediaPositions: [1], mediaRows: classRows[k] as Float32Array },
    }));
    // The FIRST token must be the label: a media-blind policy has p(10) + p(11) ≤ 1 for both classes alike.
    const reward: RewardFn = (q, ids) => (ids[0] === Number(q.answerLabels[0]) ? 1 : 0);
    const perClass: Record<string, number[]> = { class0: [], class1: [] };
    const steps: GrpoStepMetrics[] = [];
    await grpoTrainer({
      state, questions, rewardFn: reward, advantage: 'drpo', G: 16, steps: 30, lr: 2e-2, maxNewTokens: 3, eosTokenIds: [EOS], padTokenId: PAD,
      onMetrics: (m) => {
        if (m.type === 'grpo-step') steps.push(m);
        if (m.type === 'domain') perClass[m.domain]?.push(m.rewardMean);
      },
    });
    const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    // Chance: 1 of 32 tokens, ≈ 0.03 at the start.
    expect(mean(steps.slice(0, 2).map((s) => s.rewardMean))).toBeLessThan(0.35);
    // Blind to the media, the two classes' rewards would sum to ≤ 1: both above 0.7 needs the media rows.
    for (const k of ['class0', 'class1']) expect(mean((perClass[k] as number[]).slice(-4))).toBeGreaterThan(0.7);
  }, 60_000);
});
