/**
 * Lab studies as prompts prepared once: every study goes through the runtime's preparePrompt (import →
 * input selection → preprocessing → frozen encoders → M-RoPE positions), and only what a decoder-only
 * run needs is kept — prompt ids, positions, rope delta and the encoder rows at their pads. The encoders
 * never change during RL, so these rows are valid for every policy of an experiment.
 */
import type { LabRecord } from '../../lab/index';
import type { GrpoQuestion, PromptMedia } from '../../ml/train/GrpoQuestion.js';
import { multimodalSampleFrom } from '../../ml/train/index.js';
import { preparePrompt, type ImageInfo, type LoadedModel } from '../../ml/runtime/index.js';
import { labAnswerBox } from '../defaultModel/evaluateOnLab.js';
import { forEachLabRequest } from '../defaultModel/labStudyRequests.js';

export interface CachedLabPrompt {
  readonly record: LabRecord;
  readonly promptIds: readonly number[];
  readonly media: PromptMedia;
  /** The prompt's images (their resize places the ground-truth box on the model's grid). */
  readonly images: readonly Pick<ImageInfo, 'resize'>[];
}

export async function prepareLabPrompts(model: LoadedModel, labDir: string, storeDir: string, onStudy?: (done: number, total: number) => void): Promise<CachedLabPrompt[]> {
  const { specialTokens } = model.manifest;
  const hidden = model.architecture.decoder.hiddenSize;
  const out: CachedLabPrompt[] = [];
  await forEachLabRequest(labDir, storeDir, model.manifest.preprocessing, async ({ record, request }, index, total) => {
    const prompt = await preparePrompt(model, request);
    const { promptIds, promptPositions, ropeDelta, mediaPositions, mediaRows } = multimodalSampleFrom(prompt, [], [specialTokens.imagePad, specialTokens.timeSeriesPad], hidden);
    out.push({ record, promptIds, media: { promptPositions, ropeDelta, mediaPositions, mediaRows }, images: prompt.images.map((i) => ({ resize: i.resize })) });
    onStudy?.(index + 1, total);
  });
  return out;
}

/** A lab study as a GRPO question: its labels and (when it has one) the lesion box on the model's grid. */
export function labQuestion(prompt: CachedLabPrompt): GrpoQuestion {
  const box = labAnswerBox(prompt.record, prompt.images);
  return {
    id: prompt.record.id,
    promptIds: prompt.promptIds,
    domain: prompt.record.dataset,
    answerLabels: prompt.record.labels,
    ...(box ? { region: { box } } : {}),
    media: prompt.media,
  };
}
