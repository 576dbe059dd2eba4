import type { GrpoQuestion, PromptMedia } from './GrpoQuestion.js';
import type { MultimodalSample } from './multimodalSample.js';

/**
 * A question's prompt media; a text-only question gets what the runtime gives a text prompt: position t
 * on all three M-RoPE axes, rope delta 0, no encoder rows.
 */
export function promptMediaOf(question: Pick<GrpoQuestion, 'promptIds' | 'media'>): PromptMedia {
  if (question.media !== undefined) {
    const { promptPositions, mediaPositions, mediaRows } = question.media;
    const n = question.promptIds.length;
    if (promptPositions.length !== 3 || promptPositions.some((axis) => axis.length !== n)) {
      throw new Error(`promptMediaOf: the positions must be (3, ${n}) for a prompt of ${n} tokens`);
    }
    if (mediaPositions.some((t) => !Number.isInteger(t) || t < 0 || t >= n)) throw new Error('promptMediaOf: a media position lies outside the prompt');
    if (mediaPositions.length > 0 && mediaRows.length % mediaPositions.length !== 0) throw new Error(`promptMediaOf: ${mediaRows.length} media values for ${mediaPositions.length} positions`);
    return question.media;
  }
  const positions = question.promptIds.map((_, t) => t);
  return { promptPositions: [positions, positions, positions], ropeDelta: 0, mediaPositions: [], mediaRows: new Float32Array(0) };
}

/** One rollout as a training row: the question's prompt (with its media) and the sampled response. */
export function rolloutSample(row: { readonly question: Pick<GrpoQuestion, 'promptIds' | 'media'>; readonly responseIds: readonly number[] }): MultimodalSample {
  return { promptIds: row.question.promptIds, responseIds: row.responseIds, ...promptMediaOf(row.question) };
}
