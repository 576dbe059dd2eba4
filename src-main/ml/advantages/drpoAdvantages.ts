import { type ClusterStats, clusterDomain, type DomainStats } from './clusterDomain';
import type { DomainHistory, DrpoState } from './DrpoState';
import { grpoAdvantages } from './grpoAdvantages';
import { type BatchQuestion, type DrpoBatch, groupQuestions } from './groupQuestions';
import { mixSeed } from './mixSeed';
import { Mulberry32 } from '../random/Mulberry32';
import { sampleStd } from './sampleStd';

/** 'full' divides by T_d · factor_c; the paper's ablations keep only one of the two levels. */
export type DrpoMode = 'full' | 'inter-domain-only' | 'intra-domain-only';

export interface DrpoOptions {
  kMax?: number; // 10: K = 1..min(kMax, #unique vectors)
  eps?: number; // 1e-6
  mode?: DrpoMode; // 'full'
}

export interface DrpoResult {
  advantages: number[]; // one per response, in batch order
  grpo: number[]; // the GRPO advantages DRPO started from
  perDomain: DomainStats[]; // the batch's domains, in order of first appearance
}

/**
 * DRPO advantages for one training step (reference §4), updating `state` in place:
 *  1. GRPO within each question;
 *  2. each question's reward vector is appended to its domain's history;
 *  3. per domain of the batch: K-means + elbow over the history → μ_c, N_c, μ_d, T_d;
 *  4. each response's GRPO advantage is divided by T_d · max(√N_c·μ_c, ε) of its question's cluster;
 *  5. all advantages are divided by their batch std (unbiased) + ε.
 *
 * Decisions where the reference is silent or fragile:
 *  - a question's cluster is the label of the vector appended THIS step (the reference looks up the
 *    first occurrence of the id, i.e. a stale vector when a question is sampled again);
 *  - only the batch's domains are clustered (the reference refits every domain ever seen; the others do
 *    not affect this batch);
 *  - when every scaled advantage is 0 (std 0) the result is all zeros, not NaN. Scaling is per question
 *    and GRPO advantages sum to 0 per question, so "all equal" can only mean "all zero".
 */
export function drpoAdvantages(state: DrpoState, batch: DrpoBatch, options: DrpoOptions = {}): DrpoResult {
  const kMax = options.kMax ?? 10;
  const eps = options.eps ?? 1e-6;
  const mode = options.mode ?? 'full';
  if (!Number.isInteger(kMax) || kMax < 1) throw new RangeError(`kMax must be a positive integer, got ${kMax}`);
  if (!(eps > 0)) throw new RangeError(`eps must be positive, got ${eps}`);

  const questions = groupQuestions(batch);
  const grpo = grpoAdvantages(batch.rewards, batch.questionIds, eps);

  const domains = byDomain(questions);
  // Validate every domain before touching the state, so a rejected batch leaves no partial history.
  for (const [domain, members] of domains) {
    const dim = state.domains.find((h) => h.domain === domain)?.dim;
    if (dim !== undefined && dim !== members[0]!.rewards.length) {
      throw new RangeError(`domain ${domain}: questions have ${members[0]!.rewards.length} responses, its history has ${dim}`);
    }
  }

  const perDomain: DomainStats[] = [];
  const clusterOf = new Map<BatchQuestion, ClusterStats>();
  for (const [domain, members] of domains) {
    const history = domainHistory(state, domain, members[0]!.rewards.length);
    const firstRow = history.vectors.length / history.dim;
    for (const q of members) history.vectors.push(...q.rewards);
    history.seen += members.length;

    const rng = new Mulberry32(mixSeed(state.seed, domain, history.seen));
    const { stats, labels } = clusterDomain(history, { kMax, eps, rng });
    perDomain.push(stats);
    members.forEach((q, m) => clusterOf.set(q, stats.clusters[labels[firstRow + m]!]!));
    trimHistory(history, state.maxHistoryPerDomain);
  }

  const scaled = grpo.slice();
  const statsOf = new Map(perDomain.map((s) => [s.domain, s]));
  for (const q of questions) {
    const T_d = statsOf.get(q.domain)!.T_d;
    const factor = clusterOf.get(q)!.factor;
    const divisor = mode === 'full' ? T_d * factor : mode === 'inter-domain-only' ? T_d : factor;
    for (const i of q.responses) scaled[i] = grpo[i]! / divisor;
  }

  const denom = sampleStd(scaled) + eps;
  return { advantages: scaled.map((a) => a / denom), grpo, perDomain };
}

function byDomain(questions: readonly BatchQuestion[]): Map<string, BatchQuestion[]> {
  const groups = new Map<string, BatchQuestion[]>();
  for (const q of questions) {
    const list = groups.get(q.domain);
    if (list) list.push(q);
    else groups.set(q.domain, [q]);
  }
  return groups;
}

function domainHistory(state: DrpoState, domain: string, dim: number): DomainHistory {
  let history = state.domains.find((h) => h.domain === domain);
  if (!history) {
    history = { domain, dim, seen: 0, vectors: [], centroids: [] };
    state.domains.push(history);
  }
  return history;
}

/** Drops the oldest rows beyond the cap; done after clustering so this batch is always clustered. */
function trimHistory(history: DomainHistory, cap: number | null): void {
  const rows = history.vectors.length / history.dim;
  if (cap !== null && rows > cap) history.vectors.splice(0, (rows - cap) * history.dim);
}
