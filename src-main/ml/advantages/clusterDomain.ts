import type { DomainHistory } from './DrpoState';
import { elbowK } from './elbowK';
import { kmeansSweep } from './kmeansSweep';
import type { Mulberry32 } from '../random/Mulberry32';

/** One cluster of a domain's question vectors (reference §4 step 3). */
export interface ClusterStats {
  size: number; // N_c
  mu_c: number; // mean over the G components of the centroid
  factor: number; // max(√N_c · μ_c, ε)
}

/** A domain's statistics at this step, as DRPO uses and reports them. */
export interface DomainStats {
  domain: string;
  N_d: number;
  mu_d: number; // Σ_c (μ_c / N_c) / Σ_c (1 / N_c)
  T_d: number; // max(√N_d · μ_d, ε)
  K: number; // elbow-chosen number of clusters
  clusters: ClusterStats[]; // indexed by cluster label
}

export interface ClusterDomainOptions {
  kMax: number;
  eps: number;
  rng: Mulberry32;
}

/**
 * Clusters all retained question vectors of one domain (K by the elbow rule over k = 1..min(kMax,
 * #unique)) and derives μ_c, μ_d, T_d and the cluster factors. Stores this sweep's centroids in the
 * history as the next step's warm start. Returns the cluster label of every retained row.
 *
 * Both temperatures are clamped at ε, as the paper writes T = max(√N·μ, ε) at both levels. With rewards
 * in [0, 1], μ_c ≤ 0 happens only for a cluster of all-zero vectors, whose GRPO advantages are exactly
 * 0, so the clamp only turns 0/0 into 0. Negative rewards would make the clamp amplify by 1/ε: keep
 * rewards non-negative.
 */
export function clusterDomain(
  history: DomainHistory,
  options: ClusterDomainOptions,
): { stats: DomainStats; labels: Int32Array } {
  const { dim, vectors } = history;
  const points = { data: Float64Array.from(vectors), n: vectors.length / dim, d: dim };
  const previous = history.centroids.map((c) => Float64Array.from(c));
  const fits = kmeansSweep(points, { kMax: options.kMax, rng: options.rng, previous, stopAtElbow: true });
  const K = elbowK(fits.map((f) => f.sse));
  const fit = fits[K - 1]!;
  // Fits past the elbow were skipped; older solutions for those k stay as (checked) warm-start candidates.
  const fresh = fits.map((f) => Array.from(f.centroids));
  history.centroids = [...fresh, ...history.centroids.slice(fresh.length)];

  const clusters: ClusterStats[] = [];
  let weighted = 0;
  let weights = 0;
  for (let j = 0; j < K; j++) {
    const size = fit.sizes[j]!;
    let sum = 0;
    for (let t = 0; t < dim; t++) sum += fit.centroids[j * dim + t]!;
    const mu_c = sum / dim;
    clusters.push({ size, mu_c, factor: Math.max(Math.sqrt(size) * mu_c, options.eps) });
    if (size === 0) continue; // cannot happen with K ≤ #unique; an empty cluster would weigh 1/0
    weighted += mu_c / size;
    weights += 1 / size;
  }
  const mu_d = weighted / weights;
  const N_d = history.seen;
  const T_d = Math.max(Math.sqrt(N_d) * mu_d, options.eps);
  return { stats: { domain: history.domain, N_d, mu_d, T_d, K, clusters }, labels: fit.labels };
}
