// Log-probabilities of given target tokens under a model's logits, inside the graph:
//   logp[b,t] = log softmax(logits[b,t,:] / τ)[targetIds[b,t]]
// Sign convention: a log-probability (≤ 0); the cross-entropy is its negation.
// Alignment is the caller's: row t of `logits` is the distribution that produced targetIds[b,t]
// (i.e. targets are the inputs shifted left by one).
import {
  div,
  equal,
  gather,
  logSoftmax,
  range,
  reduceSum,
  scalar,
  shape,
  sameShape,
  formatShape,
  unsqueeze,
  where,
  type GraphBuilder,
  type Tensor,
} from '../graph/index.js';
import { assertFinite, assertFloat, assertRank } from './lossChecks.js';

export interface TokenLogProbOptions {
  /**
   * Sampling temperature τ the rollout used (default 1). The reference trainer divides the logits by
   * it before log-softmax, so old, reference and new log-probs describe the distribution that was
   * actually sampled; a mismatch would bias every ratio.
   */
  readonly temperature?: number;
}

/**
 * (B, S) log-probabilities of `targetIds` (int64, (B, S)) under `logits` (B, S, V).
 *
 * The pick along V is a one-hot select, Where(targetIds == arange(V), logSoftmax, 0) summed over V,
 * instead of GatherElements (not in the DSL): Where, ReduceSum and LogSoftmax all have plain
 * gradients (the backward scatters the upstream gradient onto the target's column). Where rather
 * than Mul by a cast one-hot, so a −inf logit elsewhere in the row cannot give 0·(−inf) = NaN.
 * Ids outside [0, V) match no column and give 0: such positions (ignore-index padding) must be masked.
 */
export function tokenLogProbs(g: GraphBuilder, logits: Tensor, targetIds: Tensor, options: TokenLogProbOptions = {}): Tensor {
  const who = 'tokenLogProbs';
  const dtype = assertFloat(who, logits);
  assertRank(who, logits, 3);
  if (targetIds.dtype !== 'int64') throw new Error(`${who}: targetIds '${targetIds.name}' must be int64, got ${targetIds.dtype}`);
  if (!sameShape(targetIds.shape, logits.shape.slice(0, 2))) {
    throw new Error(`${who}: targetIds ${formatShape(targetIds.shape)} must match logits' (B, S) ${formatShape(logits.shape.slice(0, 2))}`);
  }
  const temperature = options.temperature ?? 1;
  assertFinite(who, 'temperature', temperature);
  if (!(temperature > 0)) throw new Error(`${who}: temperature must be > 0, got ${temperature}`);

  const scaled = temperature === 1 ? logits : div(g, logits, scalar(g, temperature, dtype)); // (B, S, V)
  const logp = logSoftmax(g, scaled, -1); // (B, S, V)
  const isTarget = equal(g, unsqueeze(g, targetIds, [2]), vocabIds(g, logits)); // (B, S, V) bool
  return reduceSum(g, where(g, isTarget, logp, scalar(g, 0, dtype)), [-1], false); // (B, S)
}

/** arange(V) as int64: from constants when V is fixed (static shape), from Shape(logits) when symbolic. */
function vocabIds(g: GraphBuilder, logits: Tensor): Tensor {
  const v = logits.shape[2];
  if (v === undefined) throw new Error('tokenLogProbs: logits must be (B, S, V)');
  const limit = typeof v === 'number' ? scalar(g, v, 'int64') : gather(g, shape(g, logits), scalar(g, 2, 'int64'));
  return range(g, scalar(g, 0, 'int64'), limit, scalar(g, 1, 'int64'), v); // (V)
}
