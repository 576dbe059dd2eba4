import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeModel } from '../../../../src-main/ml/graph/index.js';
import {
  buildDecoderMerged,
  buildEmbedTokens,
  decoderParameterSpecs,
  defineDecoderConfig,
  initDecoderWeights,
  type DecoderConfig,
  type DecoderWeights,
  type WeightTensor,
} from '../../../../src-main/ml/models/decoder/index.js';
import { buildVisionEncoder, initVisionWeights, type VisionConfig } from '../../../../src-main/ml/models/vision/index.js';
import { trainByteLevelBpe, type TokenizerJson } from '../../../../src-main/ml/tokenizer/index.js';
import { seededRandom } from '../../graph/reference/rng.js';

/** Special-token ids of the tiny tokenizer (its own small ids, not Qwen's 151k ones). */
export interface TinyTokenIds {
  readonly endOfText: number;
  readonly imEnd: number;
  readonly visionStart: number;
  readonly visionEnd: number;
  readonly imagePad: number;
  readonly videoPad: number;
  readonly timeSeriesPad: number;
}

export interface TinyQwen2VlModel {
  /** env.localModelPath for transformers.js. */
  readonly root: string;
  /** Model id under root (the folder name). */
  readonly name: string;
  /** root/name: config.json, generation_config.json, tokenizer*.json, onnx/{embed_tokens,decoder_model_merged,vision_encoder}.onnx */
  readonly dir: string;
  readonly decoder: DecoderConfig;
  readonly vision: VisionConfig;
  readonly tokens: TinyTokenIds;
  readonly eosTokenIds: readonly number[];
}

export const ONNX_FILES = {
  embedTokens: 'onnx/embed_tokens.onnx',
  decoder: 'onnx/decoder_model_merged.onnx',
  visionEncoder: 'onnx/vision_encoder.onnx',
} as const;

const CORPUS = [
  'the heart is normal in size. the lungs are clear. no acute cardiopulmonary findings.',
  'sinus rhythm with a normal axis. no st elevation. the chest x ray shows no effusion.',
  'findings: small left pleural effusion. impression: mild cardiomegaly, no pneumothorax.',
];

/**
 * Seeded weights with non-trivial biases and norm scales (HF's zero/one init would hide a mis-wired
 * bias); std 0.25 keeps attention peaked so a wrong position or mask changes the greedy tokens.
 */
function tinyDecoderWeights(config: DecoderConfig, seed: number): DecoderWeights {
  const base = initDecoderWeights(config, seed, { std: 0.25 });
  const rand = seededRandom(seed + 1000);
  const out: Record<string, WeightTensor> = { ...base };
  for (const spec of decoderParameterSpecs(config)) {
    const w = base[spec.name];
    if (!w || spec.init === 'normal') continue;
    out[spec.name] = { dims: w.dims, data: w.data.map((v) => v + (spec.init === 'ones' ? 0.4 : 0.2) * (rand() - 0.5)) };
  }
  return out;
}

function specialId(tokenizer: TokenizerJson, content: string): number {
  const token = tokenizer.added_tokens.find((t) => t.content === content);
  if (!token) throw new Error(`tiny tokenizer lacks ${content}`);
  return token.id;
}

/**
 * Writes a tiny random model in exactly the public Qwen2-VL ONNX layout (onnx-community /
 * transformers.js `model_type: qwen2_vl`): three ONNX files built by the project's graph builders,
 * a byte-level BPE tokenizer.json trained by the project's trainer, and the HF config files that
 * transformers.js reads (config.json with a flat Qwen2-VL text config + vision_config,
 * generation_config.json, tokenizer_config.json, preprocessor_config.json). Deterministic: same seed, same bytes.
 */
export async function writeTinyQwen2VlModel(seed = 7): Promise<TinyQwen2VlModel> {
  const root = await mkdtemp(path.join(tmpdir(), 'qwen2vl-parity-'));
  const name = 'tiny-qwen2-vl';
  const dir = path.join(root, name);
  await mkdir(path.join(dir, 'onnx'), { recursive: true });

  const tokenizer = trainByteLevelBpe(CORPUS, { vocabSize: 320, minFrequency: 2 });
  const vocabSize = Object.keys(tokenizer.model.vocab).length + tokenizer.added_tokens.length;
  const tokens: TinyTokenIds = {
    endOfText: specialId(tokenizer, '<|endoftext|>'),
    imEnd: specialId(tokenizer, '<|im_end|>'),
    visionStart: specialId(tokenizer, '<|vision_start|>'),
    visionEnd: specialId(tokenizer, '<|vision_end|>'),
    imagePad: specialId(tokenizer, '<|image_pad|>'),
    videoPad: specialId(tokenizer, '<|video_pad|>'),
    timeSeriesPad: specialId(tokenizer, '<|time_series_pad|>'),
  };

  // θ = 100 (not 10⁶) so the slow h/w M-RoPE frequencies turn visibly over a few positions.
  const decoder = defineDecoderConfig({
    vocabSize, hiddenSize: 32, numLayers: 2, numHeads: 4, numKvHeads: 2, intermediateSize: 48, ropeTheta: 100, tieWordEmbeddings: false, dtype: 'float32',
  });
  // Qwen2-VL's tower has no window attention: every block attends over the whole frame.
  const vision: VisionConfig = {
    patchSize: 14, temporalPatchSize: 2, inChannels: 3, hiddenSize: 16, depth: 2, numHeads: 2, intermediateSize: 24, spatialMergeSize: 2,
    outHiddenSize: decoder.hiddenSize, windowSize: 28, fullAttentionBlocks: [0, 1], ropeTheta: 10000, rmsNormEps: 1e-6, dtype: 'float32',
  };

  const weights = tinyDecoderWeights(decoder, seed);
  const options = { opset: 17, producer: 'qoq-parity-tests' } as const;
  await writeModel(buildEmbedTokens(decoder, weights).build(), path.join(dir, ONNX_FILES.embedTokens), options);
  await writeModel(buildDecoderMerged(decoder, weights).build(), path.join(dir, ONNX_FILES.decoder), options);
  await writeModel(buildVisionEncoder(vision, initVisionWeights(vision, seed + 1)), path.join(dir, ONNX_FILES.visionEncoder), options);

  const eosTokenIds = [tokens.imEnd, tokens.endOfText];
  const config = {
    architectures: ['Qwen2VLForConditionalGeneration'],
    model_type: 'qwen2_vl',
    vocab_size: vocabSize,
    hidden_size: decoder.hiddenSize,
    intermediate_size: decoder.intermediateSize,
    num_hidden_layers: decoder.numLayers,
    num_attention_heads: decoder.numHeads,
    num_key_value_heads: decoder.numKvHeads,
    hidden_act: 'silu',
    rms_norm_eps: decoder.rmsNormEps,
    rope_theta: decoder.ropeTheta,
    rope_scaling: { type: 'mrope', mrope_section: [...decoder.mropeSection] },
    tie_word_embeddings: decoder.tieWordEmbeddings,
    torch_dtype: 'float32',
    bos_token_id: tokens.endOfText,
    eos_token_id: tokens.imEnd,
    image_token_id: tokens.imagePad,
    video_token_id: tokens.videoPad,
    vision_start_token_id: tokens.visionStart,
    vision_end_token_id: tokens.visionEnd,
    vision_config: {
      depth: vision.depth,
      embed_dim: vision.hiddenSize,
      hidden_size: decoder.hiddenSize,
      num_heads: vision.numHeads,
      in_chans: vision.inChannels,
      patch_size: vision.patchSize,
      spatial_merge_size: vision.spatialMergeSize,
      temporal_patch_size: vision.temporalPatchSize,
    },
  };
  const generationConfig = { bos_token_id: tokens.endOfText, eos_token_id: eosTokenIds, pad_token_id: tokens.endOfText, do_sample: false };
  const tokenizerConfig = {
    tokenizer_class: 'Qwen2Tokenizer',
    clean_up_tokenization_spaces: false,
    eos_token: '<|im_end|>',
    pad_token: '<|endoftext|>',
    model_max_length: 4096,
  };
  // Qwen2-VL-2B-Instruct's image processor settings (what AutoImageProcessor reads).
  const preprocessorConfig = {
    image_processor_type: 'Qwen2VLImageProcessor',
    processor_class: 'Qwen2VLProcessor',
    do_convert_rgb: true,
    do_resize: true,
    resample: 3,
    do_rescale: true,
    rescale_factor: 1 / 255,
    do_normalize: true,
    image_mean: [0.48145466, 0.4578275, 0.40821073],
    image_std: [0.26862954, 0.26130258, 0.27577711],
    min_pixels: 3136,
    max_pixels: 12845056,
    patch_size: vision.patchSize,
    temporal_patch_size: vision.temporalPatchSize,
    merge_size: vision.spatialMergeSize,
  };
  const json = (file: string, value: unknown): Promise<void> => writeFile(path.join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
  await json('config.json', config);
  await json('generation_config.json', generationConfig);
  await json('tokenizer.json', tokenizer);
  await json('tokenizer_config.json', tokenizerConfig);
  await json('preprocessor_config.json', preprocessorConfig);
  return { root, name, dir, decoder, vision, tokens, eosTokenIds };
}
