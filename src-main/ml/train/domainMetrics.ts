import type { DomainStats } from '../advantages/index.js';
import type { Rollout } from './Rollout.js';
import { mean, type DomainMetrics } from './TrainMetrics.js';

/** Mean of each named reward part over `rollouts` (parts missing from a rollout are skipped, not zero). */
export function meanParts(rollouts: readonly Rollout[]): Record<string, number> {
  const values = new Map<string, number[]>();
  for (const r of rollouts) for (const [k, v] of Object.entries(r.parts)) values.set(k, [...(values.get(k) ?? []), v]);
  return Object.fromEntries([...values].map(([k, vs]) => [k, mean(vs)]));
}

/** One record per domain of the step, in order of first appearance, with DRPO's factors when given. */
export function domainMetrics(step: number, rollouts: readonly Rollout[], drpo: readonly DomainStats[]): DomainMetrics[] {
  const domains = [...new Set(rollouts.map((r) => r.question.domain))];
  return domains.map((domain) => {
    const own = rollouts.filter((r) => r.question.domain === domain);
    const stats = drpo.find((s) => s.domain === domain);
    return {
      type: 'domain',
      step,
      domain,
      questions: new Set(own.map((r) => r.question.id)).size,
      rewardMean: mean(own.map((r) => r.reward)),
      rewardParts: meanParts(own),
      ...(stats
        ? {
            drpo: {
              N_d: stats.N_d,
              mu_d: stats.mu_d,
              T_d: stats.T_d,
              K: stats.K,
              clusterSizes: stats.clusters.map((c) => c.size),
              clusterFactors: stats.clusters.map((c) => c.factor),
            },
          }
        : {}),
    };
  });
}
