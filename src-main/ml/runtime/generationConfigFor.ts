import type { GenerationConfig } from '../generation/index.js';
import type { ModelManifest } from '../package/modelManifest';
import type { RunOptions } from './types.js';

/**
 * The generation config of one run: the package's defaults, the caller's overrides on top. Temperature
 * 0 means greedy (the manifest cannot say "greedy" otherwise); the pad id is `<|endoftext|>`, as Qwen2's.
 */
export function generationConfigFor(manifest: ModelManifest, options: RunOptions): Partial<GenerationConfig> {
  const g = manifest.generation;
  const temperature = options.temperature ?? g.temperature;
  if (!(temperature >= 0)) throw new RangeError(`temperature must be >= 0, got ${temperature}`);
  return {
    maxNewTokens: options.maxNewTokens ?? g.maxNewTokens,
    eosTokenIds: g.eosTokenIds,
    padTokenId: manifest.specialTokens.endOfText,
    numSequences: options.numSequences ?? 1,
    doSample: temperature > 0,
    temperature: temperature > 0 ? temperature : 1,
    topK: options.topK ?? g.topK,
    topP: options.topP ?? g.topP,
    repetitionPenalty: options.repetitionPenalty ?? g.repetitionPenalty,
    seed: options.seed,
  };
}
