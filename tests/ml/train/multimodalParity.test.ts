/**
 * Training sees what inference sees: for one multimodal request (an image and an ECG), the multimodal
 * SFT forward graph fed by multimodalSampleFrom + packMultimodalBatch gives the same logits as the
 * runtime — its prefill over the prompt, and its KV-cache decode steps teacher-forced with the response
 * (which checks the response positions t + ropeDelta, not just the prompt). Both sides run the package's
 * own decoder weights; the reference is the runtime's output, never the training graph's.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../src-main/ml/graph/index.js';
import { initDecoderWeights } from '../../../src-main/ml/models/decoder/index.js';
import { initEcgWeights } from '../../../src-main/ml/models/ecg/index.js';
import { initVisionWeights } from '../../../src-main/ml/models/vision/index.js';
import { createSession } from '../../../src-main/ml/ort/index.js';
import { createKvCacheStep, decoderFeeds, loadModel, preparePrompt, type LoadedModel, type RunRequest } from '../../../src-main/ml/runtime/index.js';
import { TEST_PACKAGE_CORPUS, tinyArchitecture } from '../../../src-main/ml/testPackage/index.js';
import { QOQ_SPECIAL_TOKENS, tokenizerFromJson, trainByteLevelBpe } from '../../../src-main/ml/tokenizer/index.js';
import { appendPolicyForward, multimodalSampleFrom, packMultimodalBatch } from '../../../src-main/ml/train/index.js';
import { graphBytes } from '../../../src-main/ml/train/graphBytes.js';
import { feedsFor, paramFeeds } from '../../../src-main/ml/train/hostTensors.js';
import { nanoManifest } from '../../../src-main/training/defaultModel/nanoManifest.js';
import { writeQoqPackage } from '../../../src-main/training/defaultModel/writeQoqPackage.js';
import { makeTempDir } from '../../helpers/tempDir';
import { gradientImage, sineEcg } from '../runtime/harness/inputs.js';

let tmp: ReturnType<typeof makeTempDir>;
let model: LoadedModel;
const tokenizerJson = trainByteLevelBpe(TEST_PACKAGE_CORPUS, { vocabSize: 480, specialTokens: QOQ_SPECIAL_TOKENS });
const tokenizer = tokenizerFromJson(tokenizerJson);
const arch = tinyArchitecture(tokenizer.vocabSize, { decoder: { tieWordEmbeddings: true } });
// std 0.2 instead of 0.02: logits that differ clearly between positions make the comparison meaningful.
const decoderWeights = initDecoderWeights(arch.decoder, 5, { std: 0.2 });

beforeAll(async () => {
  tmp = makeTempDir('mm-parity');
  const dir = path.join(tmp.dir, 'pkg');
  const lineage = { baseModel: null, trainingData: null, recipe: 'test', metrics: null, createdUtc: '2000-01-01T00:00:00.000Z' };
  await writeQoqPackage(dir, {
    arch,
    tokenizer: tokenizerJson,
    decoder: decoderWeights,
    vision: initVisionWeights(arch.vision, 6),
    ecg: initEcgWeights(arch.ecg, 7),
    manifest: nanoManifest(tokenizer, arch, '0.0.0-test', lineage),
  });
  model = await loadModel(dir, { intraOpThreads: 1 });
}, 60_000);
afterAll(async () => {
  await model?.release();
  tmp.cleanup();
});

describe('multimodal SFT forward = runtime prefill + decode', () => {
  it('gives the runtime prefill logits at every prompt position and its decode-step logits along the response (image + ECG)', async () => {
    const request: RunRequest = {
      items: [
        { type: 'image', rgb: gradientImage(84, 56), ref: 'img' },
        { type: 'ecg', record: sineEcg() },
      ],
      question: 'What is the finding?',
    };
    const prompt = await preparePrompt(model, request);
    expect(prompt.images[0]!.tokens).toBeGreaterThan(1);
    expect(prompt.ropeDelta).toBeLessThan(0); // the image grid compresses positions: the delta matters
    const responseIds = tokenizer.encode('<think>effusion</think>\n\\boxed{pleural effusion}');
    const { imagePad, timeSeriesPad } = model.manifest.specialTokens;
    const sample = multimodalSampleFrom(prompt, responseIds, [imagePad, timeSeriesPad], arch.decoder.hiddenSize);
    expect(sample.mediaPositions).toHaveLength(prompt.images[0]!.tokens + 1);

    // Training side: the SFT forward graph (weights as inputs) on the packed sample, one row, no padding.
    const P = prompt.tokenIds.length;
    const S = P + responseIds.length;
    const g = new GraphBuilder('mm_forward');
    g.output(appendPolicyForward(g, arch.decoder, { bucket: { batch: 1, seqLen: S }, media: true }), 'logits');
    const session = await createSession(graphBytes(g.build()), { intraOpThreads: 1 });
    const table = Object.fromEntries(Object.entries(decoderWeights).map(([k, w]) => [k, w.data as Float32Array]));
    const feeds = { ...packMultimodalBatch(arch.decoder, [sample], 1, S, 0), ...paramFeeds(arch.decoder, table) };
    const V = arch.decoder.vocabSize;
    let trained: Float32Array;
    try {
      trained = (await session.run(feedsFor(session.inputNames, feeds))).logits!.data as Float32Array; // (1, S, V)
    } finally {
      await session.release();
    }

    // Inference side, 1: the runtime's prefill call over the whole prompt (every position's logits).
    const prefill = await model.sessions.decoder.run(decoderFeeds(arch.decoder, { batch: 1, seq: P, embeds: prompt.embeds, positions: prompt.positions.flat(), past: null, pastLength: 0 }));
    const prefillLogits = prefill.logits!.data as Float32Array; // (1, P, V)
    let prefillDiff = 0;
    for (let i = 0; i < P * V; i++) prefillDiff = Math.max(prefillDiff, Math.abs((prefillLogits[i] as number) - (trained[i] as number)));
    expect(prefillDiff).toBeLessThan(1e-4);

    // Inference side, 2: generation's own step — prefill, then the response fed token by token.
    const step = createKvCacheStep(model, prompt, 1);
    const runtime: Float32Array[] = [Float32Array.from(await step({ isPrefill: true, tokenIds: null }))];
    for (const id of responseIds.slice(0, -1)) runtime.push(Float32Array.from(await step({ isPrefill: false, tokenIds: [id] })));

    runtime.forEach((logits, k) => {
      const t = P - 1 + k; // the training row's position that predicts the same next token
      const row = trained.subarray(t * V, (t + 1) * V);
      let maxDiff = 0;
      for (let v = 0; v < V; v++) maxDiff = Math.max(maxDiff, Math.abs((row[v] as number) - (logits[v] as number)));
      expect(maxDiff, `position ${t}`).toBeLessThan(1e-4);
    });
    // The comparison is not vacuous: logits move from position to position.
    expect(Math.abs((runtime[0]![0] as number) - (runtime[1]![0] as number))).toBeGreaterThan(1e-3);
  });
});
