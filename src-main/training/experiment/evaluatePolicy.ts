/**
 * Held-out evaluation of decoder weights on prepared lab prompts: greedy decoding as `qoq analyze` runs
 * it (the package's generation settings at temperature 0), through the same KV-cached sampler the
 * trainer uses, scored exactly as evaluateOnLab scores runModel's text.
 */
import type { GenerationConfig } from '../../ml/generation/index.js';
import type { DecoderConfig } from '../../ml/models/decoder/index.js';
import { openPolicySampler } from '../../ml/train/policySampler.js';
import type { ParamTable } from '../../ml/train/index.js';
import { scoreLabAnswer, summariseLab, type LabEvaluation, type LabScoreRow } from '../defaultModel/evaluateOnLab.js';
import type { CachedLabPrompt } from './labPrompts.js';

export interface PolicyEvaluation extends LabEvaluation {
  /** Per held-out study, in prompt order: its id and scores (what the report's means are taken over). */
  readonly rows: readonly (LabScoreRow & { readonly id: string })[];
}

export async function evaluatePolicy(
  config: DecoderConfig,
  weights: ParamTable,
  prompts: readonly CachedLabPrompt[],
  decode: (ids: readonly number[]) => string,
  generation: Partial<GenerationConfig>,
): Promise<PolicyEvaluation> {
  const sampler = await openPolicySampler(config, weights);
  const rows: (LabScoreRow & { id: string })[] = [];
  const samples: { id: string; answer: string; output: string }[] = [];
  try {
    for (const prompt of prompts) {
      const result = await sampler.sample({ promptIds: prompt.promptIds, media: prompt.media }, { ...generation, numSequences: 1, doSample: false });
      if (result === null) throw new Error('evaluatePolicy: generation was cancelled');
      const text = decode(result.tokenIds[0] ?? []);
      rows.push({ id: prompt.record.id, ...scoreLabAnswer(prompt.record, text, prompt.images) });
      if (!samples.some((s) => s.id.split('_')[0] === prompt.record.dataset)) samples.push({ id: prompt.record.id, answer: prompt.record.answer, output: text });
    }
  } finally {
    await sampler.release();
  }
  return { ...summariseLab(rows, samples), rows };
}
