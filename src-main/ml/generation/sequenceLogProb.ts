import { logSumExp } from './logSoftmax';

export interface SequenceLogProb {
  /** log π(token_t | prefix) for each position t. */
  perToken: Float64Array;
  /** Sum over positions: the log-probability of the whole response. */
  total: number;
}

/**
 * Log-probabilities of given tokens under given logits, as the trainer needs for PPO's old/reference
 * log-probs. `logits` is (T, V) row-major where row t is the distribution that produced tokenIds[t] (i.e.
 * already shifted by one against the input). `temperature` divides the logits first, matching how the
 * rollout sampled — ratios against a differently tempered policy would be biased.
 */
export function sequenceLogProb(
  logits: Float32Array, // (T, V)
  vocabSize: number,
  tokenIds: readonly number[], // (T)
  temperature = 1,
): SequenceLogProb {
  const T = tokenIds.length;
  if (logits.length !== T * vocabSize) throw new Error(`sequenceLogProb: ${logits.length} logits are not ${T} × ${vocabSize}`);
  if (!(temperature > 0)) throw new Error(`sequenceLogProb: temperature must be > 0, got ${temperature}`);
  const row = new Float64Array(vocabSize);
  const perToken = new Float64Array(T);
  let total = 0;
  for (let t = 0; t < T; t++) {
    const id = tokenIds[t]!;
    if (!Number.isInteger(id) || id < 0 || id >= vocabSize) throw new Error(`sequenceLogProb: token ${id} outside 0..${vocabSize - 1}`);
    for (let v = 0; v < vocabSize; v++) row[v] = logits[t * vocabSize + v]! / temperature;
    perToken[t] = row[id]! - logSumExp(row);
    total += perToken[t]!;
  }
  return { perToken, total };
}
