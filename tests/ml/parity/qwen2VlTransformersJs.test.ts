// Acceptance: a tiny random model in exactly the public Qwen2-VL ONNX layout (onnx/embed_tokens.onnx,
// onnx/vision_encoder.onnx, onnx/decoder_model_merged.onnx + tokenizer.json and the HF config files)
// loads in transformers.js (@huggingface/transformers, offline, local files, network blocked) and
// gives the same greedy tokens there as through this project's engine — so a real onnx-community
// export, which transformers.js runs, is in the layout our engine runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutoImageProcessor, AutoTokenizer, RawImage, type Tensor } from '@huggingface/transformers';
import { rm } from 'node:fs/promises';
import { decoderInputNames, decoderOutputNames } from '../../../src-main/ml/models/decoder/index.js';
import { prepareImage } from '../../../src-main/ml/preprocess/index.js';
import { loadTokenizer } from '../../../src-main/ml/tokenizer/index.js';
import { seededRandom, uniform } from '../graph/reference/rng.js';
import { EngineGreedy } from './harness/engineGreedy.js';
import { blockNetwork, loadWithTransformersJs, type NetworkGuard, type TransformersJsModel } from './harness/transformersJs.js';
import { writeTinyQwen2VlModel, type TinyQwen2VlModel } from './harness/tinyQwen2VlModel.js';

const MAX_NEW_TOKENS = 8;
const TEXT_PROMPT = 'findings: the heart is normal in size. impression:';

let model: TinyQwen2VlModel;
let guard: NetworkGuard;
let tjs: TransformersJsModel;
let engine: EngineGreedy;
let promptIds: number[];

/** Deterministic RGB bytes: a busy pattern, so a misplaced patch row or channel shows. */
function testImage(width: number, height: number): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + (i >> 5)) & 255;
  return { width, height, data };
}

/** Our preprocessing with the min/max pixels of the model folder's preprocessor_config.json. */
const QWEN2_VL_RESIZE = { factor: 28, minPixels: 3136, maxPixels: 12845056 };

async function transformersJsPixels(image: { width: number; height: number; data: Uint8Array }): Promise<{ pixelValues: Float32Array; gridThw: number[] }> {
  const processor = await AutoImageProcessor.from_pretrained(model.name, { local_files_only: true });
  const out = (await processor(new RawImage(image.data, image.width, image.height, 3))) as { pixel_values: Tensor; image_grid_thw: Tensor };
  return { pixelValues: out.pixel_values.data as Float32Array, gridThw: Array.from(out.image_grid_thw.data as BigInt64Array, Number) };
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

beforeAll(async () => {
  guard = blockNetwork(); // before transformers.js touches anything
  model = await writeTinyQwen2VlModel();
  tjs = await loadWithTransformersJs(model);
  engine = await EngineGreedy.open(model);
  promptIds = (await loadTokenizer(model.dir)).encode(TEXT_PROMPT);
});

afterAll(async () => {
  await engine?.release();
  guard?.restore();
  if (model) await rm(model.root, { recursive: true, force: true });
});

describe('tiny Qwen2-VL in the public ONNX layout: this engine vs transformers.js', () => {
  it('transformers.js opens the three ONNX files by their public names and sees our I/O', () => {
    expect(Object.keys(tjs.sessionInputNames).sort()).toEqual(['decoder_model_merged', 'embed_tokens', 'vision_encoder']);
    expect(tjs.sessionInputNames['embed_tokens']).toEqual(['input_ids']);
    expect(tjs.sessionOutputNames['embed_tokens']).toEqual(['inputs_embeds']);
    expect(tjs.sessionInputNames['vision_encoder']).toEqual(['pixel_values', 'grid_thw']);
    expect(tjs.sessionOutputNames['vision_encoder']).toEqual(['image_features']);
    expect(tjs.sessionInputNames['decoder_model_merged']).toEqual(decoderInputNames(model.decoder.numLayers));
    expect(tjs.sessionOutputNames['decoder_model_merged']).toEqual(decoderOutputNames(model.decoder.numLayers));
  });

  it("transformers.js' tokenizer reads our tokenizer.json with the same ids", async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(model.name, { local_files_only: true });
    const ours = await loadTokenizer(model.dir);
    const text = `<|im_start|>user\n<|vision_start|><|image_pad|><|vision_end|>${TEXT_PROMPT} ünïcode ✓<|im_end|>`;
    expect(tokenizer.encode(text, { add_special_tokens: false })).toEqual(ours.encode(text));
    expect(tokenizer.decode(promptIds)).toBe(TEXT_PROMPT);
    expect(promptIds.length).toBeGreaterThan(4);
  });

  it('text prompt: identical greedy tokens, positions and logits (reference rope delta)', async () => {
    tjs.useReferenceTextRopeDelta();
    const theirs = await tjs.generate({ inputIds: promptIds }, MAX_NEW_TOKENS);
    const calls = [...tjs.calls];
    const ours = await engine.generate(promptIds, MAX_NEW_TOKENS);

    expect(ours.tokens).toHaveLength(MAX_NEW_TOKENS); // no eos in this run: the whole budget is compared
    expect(theirs).toEqual(ours.tokens);
    expect(calls.map((c) => c.positions)).toEqual(ours.positions);
    expect(calls).toHaveLength(ours.logits.length);
    calls.forEach((call, i) => expect(maxAbsDiff(call.lastLogits, ours.logits[i]!)).toBeLessThan(1e-5));
    // The run is not degenerate: greedy does not just repeat one token.
    expect(new Set(ours.tokens).size).toBeGreaterThan(1);
    // transformers.js sizes the empty prefill cache from the graph's symbolic dims, knowing only
    // 'batch_size' (Optimum's name); other names become 0. Our decoder names the dim 'batch', so it feeds
    // (0, KV, 0, Dh) — which our graph accepts (ORT's Concat skips empty inputs). With 'batch_size' it is (1, KV, 0, Dh).
    expect([[0, model.decoder.numKvHeads, 0, model.decoder.headDim], [1, model.decoder.numKvHeads, 0, model.decoder.headDim]]).toContainEqual(calls[0]!.pastKeyDims);
    expect(calls[1]!.pastKeyDims).toEqual([1, model.decoder.numKvHeads, promptIds.length, model.decoder.headDim]);
  });

  // Pixel seed 2 runs the whole token budget; seed 42 stops on <|im_end|> after two tokens (eos parity).
  for (const [seed, stopsOnEos] of [[2, false], [42, true]] as const) {
    it(`image prompt (pixels ${seed}): features spliced over <|image_pad|>, M-RoPE positions and tokens identical`, async () => {
      const { tokens: t } = model;
      const grid = [1, 4, 6] as const; // 24 patches → 2×3 merged = 6 image tokens; h ≠ w checks the axis order
      const patches = grid[0] * grid[1] * grid[2];
      const pixelValues = Float32Array.from(uniform(seededRandom(seed), patches * 1176, -1.8, 2.1));
      const text = promptIds.slice(0, 5);
      const inputIds = [...text.slice(0, 2), t.visionStart, ...new Array<number>(patches / 4).fill(t.imagePad), t.visionEnd, ...text.slice(2)];

      const theirs = await tjs.generate({ inputIds, pixelValues, imageGridThw: grid }, MAX_NEW_TOKENS);
      const calls = [...tjs.calls];
      const ours = await engine.generate(inputIds, MAX_NEW_TOKENS, [{ pixelValues, gridThw: grid }]);

      expect(theirs).toEqual(ours.tokens);
      if (stopsOnEos) {
        expect(ours.tokens.length).toBeLessThan(MAX_NEW_TOKENS);
        expect(model.eosTokenIds).toContain(ours.tokens.at(-1));
      } else {
        expect(ours.tokens).toHaveLength(MAX_NEW_TOKENS);
      }
      expect(calls.map((c) => c.positions)).toEqual(ours.positions);
      calls.forEach((call, i) => expect(maxAbsDiff(call.lastLogits, ours.logits[i]!)).toBeLessThan(1e-5));
      // Image tokens share positions: text after the image resumes at st + max(t, h/2, w/2) = 3 + 3, and the
      // first decode step sits at max(prompt positions) + 1, not at the prompt length.
      const prefill = ours.positions[0]!;
      expect(prefill.slice(0, inputIds.length)).toEqual([0, 1, 2, 3, 3, 3, 3, 3, 3, 6, 7, 8, 9]); // t row
      expect(prefill.slice(inputIds.length, 2 * inputIds.length)).toEqual([0, 1, 2, 3, 3, 3, 4, 4, 4, 6, 7, 8, 9]); // h row
      expect(prefill.slice(2 * inputIds.length)).toEqual([0, 1, 2, 3, 4, 5, 3, 4, 5, 6, 7, 8, 9]); // w row
      expect(ours.positions[1]).toEqual([10, 10, 10]);
    });
  }

  it('the image matters: other pixels change the prefill logits in both engines alike', async () => {
    const { tokens: t } = model;
    const grid = [1, 2, 2] as const;
    const inputIds = [promptIds[0]!, t.visionStart, t.imagePad, t.visionEnd, ...promptIds.slice(1, 4)];
    const logitsFor = async (seed: number): Promise<[Float32Array, Float32Array]> => {
      const pixelValues = Float32Array.from(uniform(seededRandom(seed), 4 * 1176, -1.8, 2.1));
      await tjs.generate({ inputIds, pixelValues, imageGridThw: grid }, 1);
      const ours = await engine.generate(inputIds, 1, [{ pixelValues, gridThw: grid }]);
      return [tjs.calls[0]!.lastLogits, ours.logits[0]!];
    };
    const [theirsA, oursA] = await logitsFor(1);
    const [theirsB, oursB] = await logitsFor(2);
    expect(maxAbsDiff(theirsA, oursA)).toBeLessThan(1e-5);
    expect(maxAbsDiff(theirsB, oursB)).toBeLessThan(1e-5);
    expect(maxAbsDiff(oursA, oursB)).toBeGreaterThan(1e-3);
  });

  it('image from RGB bytes: transformers.js preprocessing + generate = prepareImage + our engine (84×56, no resize)', async () => {
    const image = testImage(84, 56);
    const theirsPixels = await transformersJsPixels(image);
    const ours = prepareImage(image, { ref: 'parity', resize: QWEN2_VL_RESIZE });
    expect(theirsPixels.gridThw).toEqual([1, 4, 6]);
    expect(ours.gridThw).toEqual([1, 4, 6]);
    // Same patch rows in the same order (temporal copy, 2×2 merge-unit raster); values to float32 rounding.
    expect(maxAbsDiff(theirsPixels.pixelValues, ours.pixelValues)).toBeLessThan(1e-6);

    const { tokens: t } = model;
    const inputIds = [...promptIds.slice(0, 2), t.visionStart, ...new Array<number>(ours.tokens).fill(t.imagePad), t.visionEnd, ...promptIds.slice(2, 6)];
    const theirs = await tjs.generate({ inputIds, pixelValues: theirsPixels.pixelValues, imageGridThw: [1, 4, 6] }, MAX_NEW_TOKENS);
    const calls = [...tjs.calls];
    const oursRun = await engine.generate(inputIds, MAX_NEW_TOKENS, [{ pixelValues: ours.pixelValues, gridThw: ours.gridThw }]);
    expect(theirs).toEqual(oursRun.tokens);
    expect(oursRun.tokens.length).toBeGreaterThan(1);
    calls.forEach((call, i) => expect(maxAbsDiff(call.lastLogits, oursRun.logits[i]!)).toBeLessThan(1e-4));
  });

  it('nothing tried the network', () => {
    expect(guard.attempts).toEqual([]);
  });
});

describe('transformers.js 4.3.1 text-only decode positions (known divergence from HF Python)', () => {
  it('without the fix it positions decode steps 2·S too far; our engine fed its positions gives its tokens', async () => {
    const fresh = await loadWithTransformersJs(model); // a new instance, without useReferenceTextRopeDelta
    const s = promptIds.length;
    const theirs = await fresh.generate({ inputIds: promptIds }, MAX_NEW_TOKENS);
    const calls = [...fresh.calls];
    // Prefill 0..S−1 (right); decode step k at S + k + 2S (HF Python: S + k).
    expect(calls[0]!.positions).toEqual([0, 1, 2].flatMap(() => Array.from({ length: s }, (_, i) => i)));
    calls.slice(1).forEach((call, k) => expect(call.positions).toEqual([0, 1, 2].map(() => s + k + 2 * s)));

    const shifted = await engine.generate(promptIds, MAX_NEW_TOKENS, [], (past, delta) => [0, 1, 2].map(() => [past + delta + 2 * s]) as [number[], number[], number[]]);
    expect(shifted.tokens).toEqual(theirs);
    const reference = await engine.generate(promptIds, MAX_NEW_TOKENS);
    // The shift is visible: the test above would catch a position bug in either engine.
    expect(reference.tokens).not.toEqual(theirs);
  });
});

describe('transformers.js 4.3.1 smart_resize (known divergence from HF Python)', () => {
  it('rounds a half-way patch count up (Math.round) where Python and our smartResize round to even', async () => {
    // 70 px / 28 = 2.5 → Python round() = 2 → 56 px; Math.round = 3 → 84 px. Width 100 / 28 ≈ 3.57 → 112 in both.
    const image = testImage(100, 70);
    expect((await transformersJsPixels(image)).gridThw).toEqual([1, 6, 8]);
    expect(prepareImage(image, { ref: 'parity', resize: QWEN2_VL_RESIZE }).gridThw).toEqual([1, 4, 8]);
  });
});
