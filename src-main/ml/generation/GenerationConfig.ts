/** How to decode; a plain typed object with commented defaults (nanoGPT style). */
export interface GenerationConfig {
  /** New tokens per row at most; the prompt does not count. */
  maxNewTokens: number;
  /** Ids that end a row. QoQ-Med's released config: [<|im_end|> 151645, <|endoftext|> 151643]. */
  eosTokenIds: readonly number[];
  /** Fed to step() for rows that have already finished while others go on (Qwen2: <|endoftext|>). */
  padTokenId: number;
  /** G: independent samples of the same prompt, one batch row each (the reference trainer uses 5). */
  numSequences: number;
  /** false: greedy (temperature/topK/topP are ignored, as in Hugging Face); true: seeded sampling. */
  doSample: boolean;
  /** Sampling temperature, > 0. The reference rollouts use 1.0. */
  temperature: number;
  /** Keep only the k best logits; 0 turns it off. */
  topK: number;
  /** Nucleus mass in (0, 1]; 1 turns it off. */
  topP: number;
  /** Hugging Face repetition penalty over prompt + generated ids; 1 turns it off. QoQ-Med: 1.05. */
  repetitionPenalty: number;
  /** Seed of row 0's stream; row r samples from stream (seed, r). */
  seed: number;
}

export const DEFAULT_GENERATION_CONFIG: GenerationConfig = {
  maxNewTokens: 1024,
  eosTokenIds: [151645, 151643],
  padTokenId: 151643,
  numSequences: 1,
  doSample: false,
  temperature: 1.0,
  topK: 0,
  topP: 1.0,
  repetitionPenalty: 1.05,
  seed: 0,
};

/** Fills in defaults and rejects values that would otherwise fail deep inside the loop. */
export function resolveGenerationConfig(partial: Partial<GenerationConfig> = {}): GenerationConfig {
  const c: GenerationConfig = { ...DEFAULT_GENERATION_CONFIG, ...partial };
  const problems: string[] = [];
  if (!Number.isInteger(c.maxNewTokens) || c.maxNewTokens < 0) problems.push('maxNewTokens must be an integer >= 0');
  if (!Number.isInteger(c.numSequences) || c.numSequences < 1) problems.push('numSequences must be an integer >= 1');
  if (!(c.temperature > 0)) problems.push('temperature must be > 0 (set doSample: false for greedy)');
  if (!Number.isInteger(c.topK) || c.topK < 0) problems.push('topK must be an integer >= 0');
  if (!(c.topP > 0 && c.topP <= 1)) problems.push('topP must be in (0, 1]');
  if (!(c.repetitionPenalty > 0)) problems.push('repetitionPenalty must be > 0');
  if (!Number.isInteger(c.seed)) problems.push('seed must be an integer');
  if (problems.length > 0) throw new Error(`Invalid generation config: ${problems.join('; ')}`);
  return c;
}
