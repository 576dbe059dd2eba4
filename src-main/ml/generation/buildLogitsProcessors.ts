import type { GenerationConfig } from './GenerationConfig';
import type { LogitsProcessor } from './LogitsProcessor';
import { RepetitionPenalty } from './RepetitionPenalty';
import { Temperature } from './Temperature';
import { TopK } from './TopK';
import { TopP } from './TopP';

/**
 * The processor chain for a config, in Hugging Face's order: the repetition penalty first (it changes
 * which token is best, so greedy uses it too), then — only when sampling — temperature, top-k, top-p.
 * Temperature precedes top-p because it changes the probability mass that top-p counts.
 */
export function buildLogitsProcessors(config: GenerationConfig): LogitsProcessor[] {
  const processors: LogitsProcessor[] = [];
  if (config.repetitionPenalty !== 1) processors.push(new RepetitionPenalty(config.repetitionPenalty));
  if (config.doSample) {
    if (config.temperature !== 1) processors.push(new Temperature(config.temperature));
    if (config.topK > 0) processors.push(new TopK(config.topK));
    if (config.topP < 1) processors.push(new TopP(config.topP));
  }
  return processors;
}
