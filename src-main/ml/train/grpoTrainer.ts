import { Mulberry32 } from '../advantages/index.js';
import { assignAdvantages } from './assignAdvantages.js';
import { buildPolicyMetricsGraph } from './buildPolicyMetricsGraph.js';
import { buildTrainStep } from './buildTrainStep.js';
import { collectRollouts } from './collectRollouts.js';
import { computeLogProbs } from './computeLogProbs.js';
import { domainMetrics, meanParts } from './domainMetrics.js';
import type { GrpoQuestion } from './GrpoQuestion.js';
import { resolveGrpoSettings, type GrpoOptions } from './GrpoSettings.js';
import { lrAt, QOQ_MED_ADAMW, QOQ_MED_GRAD_CLIP } from './OptimizerSettings.js';
import { bucketLength, sequenceLength } from './packBatch.js';
import { ppoUpdate } from './ppoUpdate.js';
import { openPolicySampler } from './policySampler.js';
import { pickIndices } from './randomOrder.js';
import { rolloutSample } from './rolloutSample.js';
import { runTrainingLoop, type TrainResult } from './runTrainingLoop.js';
import { SessionCache } from './SessionCache.js';
import { mean } from './TrainMetrics.js';

export type { GrpoOptions } from './GrpoSettings.js';

/**
 * GRPO / DRPO fine-tuning (reference §4–§5). Each step, top to bottom:
 *  1. draw the step's questions from the checkpointed data stream;
 *  2. sample G responses per question at temperature 1 (seeded by step and position) with KV-cached
 *     decoding on this step's weights (a fresh session per step, see policySampler), and score them;
 *  3. advantages: GRPO per question, or DRPO with the persistent per-domain history;
 *  4. log π_old (the rollout weights) and log π_ref (the frozen reference) of every response token;
 *  5. PPO epochs over shuffled minibatches, one AdamW update each;
 *  6. commit the step, report step and per-domain metrics.
 * Questions may carry media (prepared prompt positions and encoder rows): every graph here is the
 * multimodal one, and a text question is simply a row without media.
 * Cancelling during 1–2 abandons the step untouched; from 3 on the step is finished first.
 */
export async function grpoTrainer(options: GrpoOptions): Promise<TrainResult> {
  const { state } = options;
  const s = resolveGrpoSettings(options, { optimizer: QOQ_MED_ADAMW, clip: QOQ_MED_GRAD_CLIP });
  if (s.klCoef > 0 && state.reference === null) throw new Error('grpoTrainer: klCoef > 0 needs a reference policy (createTrainerState keepReference)');
  const { config } = state;
  const sessions = options.sessions ?? new SessionCache();
  try {
    return await runTrainingLoop(options, async (step) => {
      const started = performance.now();
      const lr = lrAt(s.lr, step);

      // 1. This step's questions.
      const rng = new Mulberry32(state.rngState);
      const questions = pickIndices(s.questions.length, s.questionsPerStep, rng).map((i) => s.questions[i] as GrpoQuestion);

      // 2. Rollouts and rewards.
      const generation = { maxNewTokens: s.maxNewTokens, temperature: s.temperature, eosTokenIds: s.eosTokenIds, padTokenId: s.padTokenId, repetitionPenalty: 1, topK: 0, topP: 1 };
      const sampler = await openPolicySampler(config, state.weights);
      const rollouts = await collectRollouts(state, step, questions, { sampler, G: s.G, generation, rewardFn: s.rewardFn, ...(options.signal ? { signal: options.signal } : {}) }).finally(() => sampler.release());
      if (rollouts === null) return 'cancelled';
      const rolloutMs = performance.now() - started;

      // 3. Advantages (DRPO updates its history in `state` here: from now on the step must complete).
      const perDomain = assignAdvantages(state, rollouts, s.advantage, s.drpo);

      // 4. Old and reference log-probs, in the (minibatch, seqLen) bucket the update uses.
      const seqLen = bucketLength(Math.max(...rollouts.map(sequenceLength)), s.seqBucket);
      const batch = s.miniBatchSize;
      const logProbsUnder = (weights: typeof state.weights): Promise<Float32Array[]> =>
        computeLogProbs({ sessions, config, weights, rows: rollouts.map(rolloutSample), batch, seqLen, padId: s.padTokenId, temperature: s.temperature });
      const oldLogProbs = await logProbsUnder(state.weights);
      // Measured whenever a reference exists, so KL is monitored even with klCoef = 0.
      const refLogProbs = state.reference ? await logProbsUnder(state.reference) : null;

      // 5. PPO update.
      const trainStep = await sessions.get(`grpo:b${batch}:s${seqLen}`, () =>
        buildTrainStep(config, { kind: 'grpo', batch, seqLen, params: state.trainable, lora: state.lora?.settings, optimizer: s.optimizer, clip: s.clip, klCoef: s.klCoef, klEstimator: s.klEstimator, clipLow: s.clipLow, clipHigh: s.clipHigh, dualClip: s.dualClip, temperature: s.temperature, media: true }),
      );
      const metrics = await sessions.get(`metrics:b${batch}:s${seqLen}`, () =>
        buildPolicyMetricsGraph(batch, seqLen, { clipLow: s.clipLow, clipHigh: s.clipHigh, dualClip: s.dualClip, klEstimator: s.klEstimator }),
      );
      const update = await ppoUpdate(state, { rollouts, oldLogProbs, refLogProbs, seqLen }, { trainStep, metrics, miniBatch: batch, epochs: s.ppoEpochs, lr, padId: s.padTokenId, rng });

      // 6. Commit and report.
      state.rngState = rng.state;
      state.step = step;
      options.onMetrics?.({
        type: 'grpo-step',
        step,
        lr,
        advantage: s.advantage,
        questions: questions.length,
        responses: rollouts.length,
        rewardMean: mean(rollouts.map((r) => r.reward)),
        rewardParts: meanParts(rollouts),
        advantageAbsMean: mean(rollouts.map((r) => Math.abs(r.advantage))),
        responseLengthMean: mean(rollouts.map((r) => r.responseIds.length)),
        ...update,
        timeMs: performance.now() - started,
        rolloutMs,
      });
      for (const record of domainMetrics(step, rollouts, perDomain)) options.onMetrics?.(record);
      return 'done';
    });
  } finally {
    if (options.sessions === undefined) await sessions.release();
  }
}
