import type { GroupId } from './grpoAdvantages';

/** One question of a batch: its responses' positions in the batch and their rewards, in batch order. */
export interface BatchQuestion {
  id: GroupId;
  domain: string;
  responses: number[];
  rewards: number[];
}

export interface DrpoBatch {
  questionIds: readonly GroupId[];
  domains: readonly string[];
  rewards: readonly number[];
}

/**
 * Groups a flat batch (one entry per sampled response) by question, in order of first appearance.
 * A question's responses need not be adjacent. A question must belong to one domain, and all questions
 * of a domain must have the same number of responses, since their reward vectors are clustered together.
 */
export function groupQuestions(batch: DrpoBatch): BatchQuestion[] {
  const { questionIds, domains, rewards } = batch;
  if (questionIds.length !== rewards.length || domains.length !== rewards.length) {
    throw new RangeError(
      `batch: ${questionIds.length} question ids, ${domains.length} domains, ${rewards.length} rewards`,
    );
  }
  const byId = new Map<GroupId, BatchQuestion>();
  rewards.forEach((reward, i) => {
    if (!Number.isFinite(reward)) throw new RangeError(`batch: reward ${reward} at ${i} is not finite`);
    const id = questionIds[i]!;
    const domain = domains[i]!;
    let q = byId.get(id);
    if (!q) byId.set(id, (q = { id, domain, responses: [], rewards: [] }));
    if (q.domain !== domain) {
      throw new RangeError(`batch: question ${String(id)} appears in domains ${q.domain} and ${domain}`);
    }
    q.responses.push(i);
    q.rewards.push(reward);
  });

  const sizeOfDomain = new Map<string, number>();
  for (const q of byId.values()) {
    const size = sizeOfDomain.get(q.domain) ?? q.rewards.length;
    if (size !== q.rewards.length) {
      throw new RangeError(`batch: domain ${q.domain} mixes questions with ${size} and ${q.rewards.length} responses`);
    }
    sizeOfDomain.set(q.domain, size);
  }
  return [...byId.values()];
}
