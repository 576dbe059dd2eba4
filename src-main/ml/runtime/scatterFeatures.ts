/**
 * Writes feature rows over the embeddings of every `padId` position, in order: row k of `features`
 * replaces the k-th pad's embedding (what Qwen2-VL's masked_scatter does with image features). The
 * counts must agree exactly — one feature row too few or too many shifts every later image.
 * @param embeds (S, D) prompt embeddings, changed in place
 * @param features (N, D) rows for the N pads
 */
export function scatterFeatures(embeds: Float32Array, hidden: number, tokenIds: readonly number[], padId: number, features: Float32Array, what: string): void {
  if (features.length % hidden !== 0) throw new Error(`${what}: ${features.length} values are not rows of ${hidden}`);
  const rows = features.length / hidden;
  let k = 0;
  tokenIds.forEach((id, position) => {
    if (id !== padId) return;
    if (k < rows) embeds.set(features.subarray(k * hidden, (k + 1) * hidden), position * hidden);
    k++;
  });
  if (k !== rows) throw new Error(`${what}: the prompt has ${k} pad tokens for ${rows} feature rows`);
}
