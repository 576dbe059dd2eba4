import { INPUT_IDS, INPUTS_EMBEDS } from '../models/decoder/index.js';
import { nextRopeDelta, ropeIndex, type PositionIds } from '../prompt/index.js';
import { encodeEcgs } from './encodeEcgs.js';
import { encodeImages } from './encodeImages.js';
import { float32Output, int64Tensor } from './hostTensors.js';
import type { LoadedModel } from './LoadedModel.js';
import { preprocessItems } from './preprocessItems.js';
import { promptTokenIds } from './promptTokenIds.js';
import { throwIfCancelled } from './RunCancelled.js';
import { scatterFeatures } from './scatterFeatures.js';
import type { ImageInfo, RunRequest } from './types.js';

/** A prompt ready for the decoder: what the prefill feeds, and what a training forward pass needs too. */
export interface PreparedPrompt {
  readonly tokenIds: readonly number[];
  /** (S, D) embeddings with image and ECG features in place of their pads. */
  readonly embeds: Float32Array;
  /** (3, S) multimodal RoPE positions. */
  readonly positions: PositionIds;
  /** Added to the cache length to get each generated token's position (Qwen's rope_deltas). */
  readonly ropeDelta: number;
  readonly images: readonly ImageInfo[];
}

/**
 * Steps (1)–(4) of a run: preprocess, build and tokenise the prompt, embed it with the encoders'
 * features scattered in, and compute M-RoPE positions. Cancellable between encoder calls.
 */
export async function preparePrompt(model: LoadedModel, request: RunRequest, signal?: AbortSignal): Promise<PreparedPrompt> {
  const { specialTokens } = model.manifest;
  const hidden = model.architecture.decoder.hiddenSize;

  // (1) Preprocess each image and ECG with the package's settings.
  const pre = preprocessItems(model, request.items);

  // (2) Chat prompt (an image is its pad count, an ECG one time-series pad), tokenised.
  const tokenIds = promptTokenIds(model, request, pre.promptItems);

  // (3) Embed the tokens, then overwrite the pads: image features in image order, ECG vectors in ECG
  //     order (zeros for an ECG slot without a recording).
  const embedded = await model.sessions.embedTokens.run({ [INPUT_IDS]: int64Tensor([1, tokenIds.length], tokenIds) });
  const embeds = float32Output(embedded, INPUTS_EMBEDS).data.slice(); // (S, D), a copy we own and edit
  throwIfCancelled(signal);
  const { vision, ecg } = model.sessions;
  const imageFeatures = vision && pre.images.length > 0 ? await encodeImages(vision, pre.images, hidden, signal) : new Float32Array(0);
  scatterFeatures(embeds, hidden, tokenIds, specialTokens.imagePad, imageFeatures, 'images');
  const ecgFeatures = ecg && pre.ecgs.length > 0 ? await encodeEcgs(ecg, pre.ecgs, hidden) : new Float32Array(0);
  scatterFeatures(embeds, hidden, tokenIds, specialTokens.timeSeriesPad, ecgFeatures, 'ECG');
  throwIfCancelled(signal);

  // (4) M-RoPE positions: images on their (t, h, w) grid, text and the ECG pad on one running index.
  const merge = model.architecture.vision?.spatialMergeSize ?? 2;
  const positions = ropeIndex(
    [...tokenIds],
    pre.images.map((image) => image.gridThw),
    { imagePad: specialTokens.imagePad, visionStart: specialTokens.visionStart, timeSeriesPad: specialTokens.timeSeriesPad },
    merge,
  );
  const images = pre.images.map((image) => ({ ref: image.resize.ref, resize: image.resize, gridThw: image.gridThw, tokens: image.tokens }));
  return { tokenIds, embeds, positions, ropeDelta: nextRopeDelta(positions), images };
}
