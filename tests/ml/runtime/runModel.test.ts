import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VISION_ENCODER_IO } from '../../../src-main/ml/models/vision/index.js';
import type { ModelSession } from '../../../src-main/ml/ort/index.js';
import { prepareImage } from '../../../src-main/ml/preprocess/index.js';
import {
  loadModel, NonFiniteOutputError, preparePrompt, runModel,
  type LoadedModel, type RunOptions, type RunRequest, type StreamedToken,
} from '../../../src-main/ml/runtime/index.js';
import { buildRandomTestPackage } from '../../../src-main/ml/testPackage/index.js';
import { makeTempDir } from '../../helpers/tempDir';
import { gradientImage, sineEcg } from './harness/inputs.js';
import { noCacheGreedy } from './harness/noCacheGreedy.js';

const tmp = makeTempDir('runtime');
let model: LoadedModel;

const request = (shift = 0): RunRequest => ({
  items: [
    { type: 'image', rgb: gradientImage(56, 56, shift), ref: 'img-1' },
    { type: 'ecg', record: sineEcg() },
    { type: 'text', text: 'Chest radiograph and ECG of the same patient.\n' },
  ],
  question: 'What abnormality is shown?',
});

/** Step-0 (prefill) logits of a one-token greedy run. */
async function prefillLogits(req: RunRequest): Promise<Float32Array> {
  let first: Float32Array | undefined;
  await runModel(model, req, { seed: 0, maxNewTokens: 1, onStepLogits: (logits, step) => (step === 0 ? (first = logits.slice()) : undefined) });
  if (!first) throw new Error('no prefill logits');
  return first;
}

const maxAbsDiff = (a: Float32Array, b: Float32Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('runModel on a random test package', () => {
  beforeAll(async () => {
    const dir = path.join(tmp.dir, 'pkg');
    await buildRandomTestPackage(dir, { seed: 42 });
    model = await loadModel(dir, { intraOpThreads: 1 });
  });
  afterAll(async () => {
    await model?.release();
    tmp.cleanup();
  });

  it('loads the four graphs and the architecture from the manifest', () => {
    expect(Object.keys(model.sessions).sort()).toEqual(['decoder', 'ecg', 'embedTokens', 'vision']);
    expect(model.architecture.decoder.vocabSize).toBe(model.tokenizer.vocabSize);
    expect(model.packageHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('(b) greedy generation with an image, an ECG and text is deterministic and bounded', async () => {
    const streamed: StreamedToken[] = [];
    const options: RunOptions = { seed: 0, maxNewTokens: 6 };
    const first = await runModel(model, request(), { ...options, onToken: (t) => streamed.push(t) });
    const second = await runModel(model, request(), options);
    expect(first.tokenIds.length).toBeGreaterThan(0);
    expect(first.tokenIds.length).toBeLessThanOrEqual(6);
    expect(second.tokenIds).toEqual(first.tokenIds);
    expect(second.text).toBe(first.text);
    const endedOnEos = model.manifest.generation.eosTokenIds.includes(first.tokenIds.at(-1)!);
    expect(first.finishReason).toBe(endedOnEos ? 'eos' : 'length');
    // Streaming: every token once, in order, and the text pieces add up to the final text.
    expect(streamed.map((t) => t.tokenId)).toEqual(first.tokenIds);
    expect(streamed.map((t) => t.text).join('')).toBe(first.text);
    // What the caller needs to map boxes back: the 56×56 image stays 56×56 (4 merged tokens).
    expect(first.images).toEqual([{ ref: 'img-1', resize: { originalWidth: 56, originalHeight: 56, resizedWidth: 56, resizedHeight: 56, ref: 'img-1' }, gridThw: [1, 4, 4], tokens: 4 }]);
    expect(first.promptTokens).toBeGreaterThan(4);
    expect(first.timings.prefillMs).toBeGreaterThan(0);
    expect(first.timings.ttftMs).toBeGreaterThanOrEqual(first.timings.prefillMs);
  });

  it('(c) the KV-cache path equals a no-cache recompute for the first greedy tokens (≤ 1e-4)', async () => {
    const steps = 5;
    const cachedLogits: Float32Array[] = [];
    // Penalty off: the reference picks the plain argmax of the raw logits.
    const cached = await runModel(model, request(), { seed: 0, maxNewTokens: steps, repetitionPenalty: 1, onStepLogits: (l) => cachedLogits.push(l.slice()) });
    const prompt = await preparePrompt(model, request());
    const reference = await noCacheGreedy(model, prompt, cached.tokenIds.length);
    expect(cached.tokenIds.length).toBeGreaterThanOrEqual(2);
    expect(cached.tokenIds).toEqual(reference.tokens);
    reference.logits.forEach((want, k) => expect(maxAbsDiff(cachedLogits[k]!, want)).toBeLessThanOrEqual(1e-4));
  });

  it('(d) image features land exactly at the <|image_pad|> positions', async () => {
    const prompt = await preparePrompt(model, request());
    const changed = await preparePrompt(model, request(97));
    const padId = model.manifest.specialTokens.imagePad;
    const d = model.architecture.decoder.hiddenSize;
    const pads = prompt.tokenIds.flatMap((id, i) => (id === padId ? [i] : []));
    expect(pads).toHaveLength(4);

    // The pad rows are the vision encoder's output for this image, row for row.
    const vision = model.sessions.vision!;
    const input = prepareImage(gradientImage(56, 56), { ref: 'x', resize: { factor: 28, minPixels: 28 * 28 * 4, maxPixels: 28 * 28 * 64 } });
    const out = await vision.run({
      [VISION_ENCODER_IO.pixelValues]: { type: 'float32', dims: [input.rows, input.columns], data: input.pixelValues },
      [VISION_ENCODER_IO.gridThw]: { type: 'int64', dims: [1, 3], data: BigInt64Array.from(input.gridThw, BigInt) },
    });
    const features = out[VISION_ENCODER_IO.imageFeatures]!.data as Float32Array;
    pads.forEach((position, k) => expect(prompt.embeds.subarray(position * d, (position + 1) * d)).toEqual(features.subarray(k * d, (k + 1) * d)));

    // Another image changes exactly the pad rows of the embeddings …
    for (let i = 0; i < prompt.tokenIds.length; i++) {
      const same = maxAbsDiff(prompt.embeds.subarray(i * d, (i + 1) * d), changed.embeds.subarray(i * d, (i + 1) * d)) === 0;
      expect(same).toBe(!pads.includes(i));
    }
    // … and so the logits; the same request twice gives identical logits.
    const base = await prefillLogits(request());
    expect(maxAbsDiff(await prefillLogits(request()), base)).toBe(0);
    expect(maxAbsDiff(await prefillLogits(request(97)), base)).toBeGreaterThan(1e-6);
  });

  it('fills the one <|time_series_pad|> with the ECG vector; another ECG changes the logits', async () => {
    const prompt = await preparePrompt(model, request());
    const pads = prompt.tokenIds.filter((id) => id === model.manifest.specialTokens.timeSeriesPad);
    expect(pads).toHaveLength(1);
    const other: RunRequest = { ...request(), items: request().items.map((item) => (item.type === 'ecg' ? { type: 'ecg', record: sineEcg(-1000) } : item)) };
    expect(maxAbsDiff(await prefillLogits(other), await prefillLogits(request()))).toBeGreaterThan(1e-6);
  });

  it('an ECG slot without a recording gets a zero vector', async () => {
    const noEcg: RunRequest = { ...request(), items: request().items.map((item) => (item.type === 'ecg' ? { type: 'ecg', record: null } : item)) };
    const prompt = await preparePrompt(model, noEcg);
    const d = model.architecture.decoder.hiddenSize;
    const at = prompt.tokenIds.indexOf(model.manifest.specialTokens.timeSeriesPad);
    expect(at).toBeGreaterThan(0);
    expect([...prompt.embeds.subarray(at * d, (at + 1) * d)]).toEqual(new Array<number>(d).fill(0));
  });

  it('(e) G = 3 samples at temperature 1 differ from each other and repeat for a seed', async () => {
    const options: RunOptions = { seed: 7, numSequences: 3, temperature: 1, maxNewTokens: 8 };
    const a = await runModel(model, request(), options);
    const b = await runModel(model, request(), options);
    const c = await runModel(model, request(), { ...options, seed: 8 });
    expect(a.sequences).toHaveLength(3);
    expect(new Set(a.sequences.map((s) => s.tokenIds.join(','))).size).toBe(3);
    expect(b.sequences).toEqual(a.sequences);
    expect(c.sequences.map((s) => s.tokenIds)).not.toEqual(a.sequences.map((s) => s.tokenIds));
    expect(a.text).toBe(a.sequences[0]!.text);
  });

  it('(f) a cancel after 2 tokens stops the run', async () => {
    const controller = new AbortController();
    let seen = 0;
    const result = await runModel(model, request(), {
      seed: 0,
      maxNewTokens: 20,
      repetitionPenalty: 1.5, // keeps greedy off an early eos loop so the run would go on without the cancel
      signal: controller.signal,
      onToken: () => {
        if (++seen === 2) controller.abort();
      },
    });
    expect(result.tokenIds).toHaveLength(2);
    expect(result.finishReason).toBe('cancelled');
  });

  it('a cancel before the run returns at once with no tokens', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runModel(model, request(), { seed: 0, signal: controller.signal });
    expect(result.tokenIds).toEqual([]);
    expect(result.finishReason).toBe('cancelled');
  });

  it('throws NonFiniteOutputError instead of returning text when the logits hold NaN', async () => {
    const real = model.sessions.decoder;
    // A decoder whose logits are poisoned; ModelSession's private runtime handle makes a cast necessary.
    const poisoned = {
      inputNames: real.inputNames,
      outputNames: real.outputNames,
      run: async (feeds: Parameters<ModelSession['run']>[0]) => {
        const out = await real.run(feeds);
        (out['logits']!.data as Float32Array)[3] = Number.NaN;
        return out;
      },
    } as unknown as ModelSession;
    const broken: LoadedModel = { ...model, sessions: { ...model.sessions, decoder: poisoned } };
    await expect(runModel(broken, request(), { seed: 0, maxNewTokens: 2 })).rejects.toBeInstanceOf(NonFiniteOutputError);
  });

  it('refuses request text that smuggles in a structural token', async () => {
    await expect(runModel(model, { items: [], question: 'look <|image_pad|> here' }, { seed: 0 })).rejects.toThrow(/reserved token <\|image_pad\|>/);
  });
});
