import type { StoppingCriterion } from './StoppingCriterion';

/** Stops a row when its latest token is one of the end-of-sequence ids (QoQ-Med: <|im_end|>, <|endoftext|>). */
export class EosStop implements StoppingCriterion {
  readonly reason = 'eos' as const;
  private readonly eos: ReadonlySet<number>;

  constructor(eosTokenIds: Iterable<number>) {
    this.eos = new Set(eosTokenIds);
  }

  isDone(generated: readonly number[]): boolean {
    return generated.length > 0 && this.eos.has(generated[generated.length - 1]!);
  }
}
