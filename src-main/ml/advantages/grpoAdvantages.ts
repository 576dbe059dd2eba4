import { sampleStd } from './sampleStd';

export type GroupId = string | number;

/**
 * GRPO advantages (reference §4): A_i = (r_i − mean_q) / (std_q + ε) within each group q, std unbiased.
 *
 * Groups are keyed with Map semantics, so the id 1 and the id "1" are two different groups. A group
 * whose rewards are all equal — including a group of one response, where the unbiased std is undefined
 * (torch would give NaN) — gets advantage exactly 0: there is nothing to prefer, and computing
 * (r − mean) in floating point would otherwise leave ~1e-17 / ε ≈ 1e-11 of noise.
 */
export function grpoAdvantages(rewards: readonly number[], groupIds: readonly GroupId[], eps = 1e-6): number[] {
  if (rewards.length !== groupIds.length) {
    throw new RangeError(`grpoAdvantages: ${rewards.length} rewards but ${groupIds.length} group ids`);
  }
  for (const r of rewards) {
    if (!Number.isFinite(r)) throw new RangeError(`grpoAdvantages: reward ${r} is not finite`);
  }
  const members = new Map<GroupId, number[]>();
  groupIds.forEach((id, i) => {
    const list = members.get(id);
    if (list) list.push(i);
    else members.set(id, [i]);
  });

  const advantages = new Array<number>(rewards.length).fill(0);
  for (const indices of members.values()) {
    const group = indices.map((i) => rewards[i]!);
    if (group.every((r) => r === group[0])) continue; // all equal (or a single response) → 0
    const mean = group.reduce((a, b) => a + b, 0) / group.length;
    const denom = sampleStd(group) + eps;
    indices.forEach((i, j) => (advantages[i] = (group[j]! - mean) / denom));
  }
  return advantages;
}
