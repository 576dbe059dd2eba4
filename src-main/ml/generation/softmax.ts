/**
 * Probabilities from logits, in float64 so that the tail mass of a 151k vocabulary is not lost to float32
 * rounding. Subtracting the max keeps exp() finite; -Infinity logits get probability 0.
 */
export function softmax(logits: Float32Array): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  if (max === -Infinity) throw new Error('softmax: every logit is -Infinity');
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += out[i] = Math.exp(logits[i]! - max);
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / sum;
  return out;
}
