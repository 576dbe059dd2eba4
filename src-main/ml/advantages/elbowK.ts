/**
 * The reference's elbow rule (`_select_k_elbow`), verbatim in behaviour. `sse[k − 1]` is the SSE of the
 * fit with k clusters for k = 1..K_cap. With drops Δ_i = sse[i] − sse[i + 1] (0-based), return i + 1 for
 * the first i ≥ 1 with Δ_i < tol·Δ_{i−1}; otherwise K_cap. Consequences kept on purpose: two SSE values
 * always give K = 2; equal drops (including 0 = 0) never trigger, since the test is strict.
 */
export function elbowK(sse: readonly number[], tol = 0.1): number {
  if (sse.length === 0) throw new RangeError('elbowK: need the SSE of at least k = 1');
  if (sse.length === 1) return 1;
  const drops = sse.slice(1).map((next, i) => sse[i]! - next);
  for (let i = 1; i < drops.length; i++) {
    if (drops[i]! < tol * drops[i - 1]!) return i + 1;
  }
  return sse.length;
}
