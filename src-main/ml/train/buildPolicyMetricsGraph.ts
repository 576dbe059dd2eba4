import { GraphBuilder } from '../graph/index.js';
import { klPenalty, policyLoss, type KlEstimator } from '../losses/index.js';
import { graphBytes } from './graphBytes.js';
import { POLICY_LOG_PROBS, TRAIN_INPUTS } from './graphNames.js';

export interface PolicyMetricSettings {
  readonly clipLow: number;
  readonly clipHigh: number;
  readonly dualClip?: number;
  readonly klEstimator: KlEstimator;
}

/** Output names of the metrics graph. */
export const POLICY_METRICS = { policyLoss: 'policy_loss', clipFraction: 'clip_fraction', approxKl: 'approx_kl', kl: 'kl' } as const;

/**
 * A small graph that re-derives the PPO metrics from the step graph's `policy_log_probs`: the same
 * ml/losses builders the loss uses, so clip fraction and KL are measured exactly as the loss sees
 * them. (The step graph prunes everything off the loss path, so they cannot come out of it.)
 */
export function buildPolicyMetricsGraph(batch: number, seqLen: number, settings: PolicyMetricSettings): Uint8Array {
  const g = new GraphBuilder(`policy_metrics_b${batch}_s${seqLen}`);
  const bs = [batch, seqLen];
  const logProbs = g.input(POLICY_LOG_PROBS, 'float32', bs);
  const responseMask = g.input(TRAIN_INPUTS.responseMask, 'float32', bs);
  const policy = policyLoss(g, {
    logProbs,
    oldLogProbs: g.input(TRAIN_INPUTS.oldLogProbs, 'float32', bs),
    advantages: g.input(TRAIN_INPUTS.advantages, 'float32', [batch]),
    responseMask,
    clipLow: settings.clipLow,
    clipHigh: settings.clipHigh,
    ...(settings.dualClip === undefined ? {} : { dualClip: settings.dualClip }),
  });
  const kl = klPenalty(g, { logProbs, refLogProbs: g.input(TRAIN_INPUTS.refLogProbs, 'float32', bs), responseMask, estimator: settings.klEstimator });
  g.output(policy.loss, POLICY_METRICS.policyLoss);
  g.output(policy.clipFraction, POLICY_METRICS.clipFraction);
  g.output(policy.approxKl, POLICY_METRICS.approxKl);
  g.output(kl, POLICY_METRICS.kl);
  return graphBytes(g.build());
}
