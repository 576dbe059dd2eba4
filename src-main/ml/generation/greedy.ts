/** Greedy decoding: the id of the highest logit; the lowest id wins a tie, as torch.argmax does. */
export function greedy(logits: Float32Array): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i;
  return best;
}
