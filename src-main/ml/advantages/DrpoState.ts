/**
 * Everything DRPO carries from one training step to the next, as plain JSON-compatible data so a
 * checkpoint is `JSON.stringify(state)` and resuming is `parseDrpoState(JSON.parse(text))`. Doubles
 * survive JSON exactly, so a resumed run continues bit-for-bit.
 */
export interface DrpoState {
  version: 1;
  /** Root seed; each domain's K-means stream is derived from (seed, domain, N_d). 0 as in the reference. */
  seed: number;
  /**
   * Keep at most this many past question vectors per domain for clustering (oldest dropped first);
   * null = unlimited, the reference's behaviour. N_d still counts every question ever seen.
   */
  maxHistoryPerDomain: number | null;
  /** An array, not a record keyed by domain, so a domain named "__proto__" is just data. */
  domains: DomainHistory[];
}

export interface DomainHistory {
  domain: string;
  /** G: responses per question; fixed per domain because K-means needs equal-length vectors. */
  dim: number;
  /** N_d: questions seen in this domain over the whole run. */
  seen: number;
  /** Retained question reward vectors, row-major (rows × dim), oldest first. */
  vectors: number[];
  /** centroids[k − 1]: the last sweep's (k × dim) solution for k clusters, the next step's warm start. */
  centroids: number[][];
}

export interface DrpoStateOptions {
  seed?: number;
  maxHistoryPerDomain?: number | null;
}

export function createDrpoState(options: DrpoStateOptions = {}): DrpoState {
  const cap = options.maxHistoryPerDomain ?? null;
  if (cap !== null && !(Number.isInteger(cap) && cap >= 1)) {
    throw new RangeError(`maxHistoryPerDomain must be a positive integer or null, got ${cap}`);
  }
  return { version: 1, seed: (options.seed ?? 0) >>> 0, maxHistoryPerDomain: cap, domains: [] };
}
