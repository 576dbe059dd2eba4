import path from 'node:path';
import { generate } from '../../../../src-main/ml/generation/index.js';
import {
  ATTENTION_MASK,
  INPUT_IDS,
  INPUTS_EMBEDS,
  LOGITS,
  pastKeyName,
  pastValueName,
  POSITION_IDS,
  presentKeyName,
  presentValueName,
  type DecoderConfig,
} from '../../../../src-main/ml/models/decoder/index.js';
import { VISION_ENCODER_IO } from '../../../../src-main/ml/models/vision/index.js';
import { createSession, run, type HostTensor, type ModelSession } from '../../../../src-main/ml/ort/index.js';
import { decodePositionIds, nextRopeDelta, ropeIndex, type PositionIds } from '../../../../src-main/ml/prompt/index.js';
import { ONNX_FILES, type TinyQwen2VlModel } from './tinyQwen2VlModel.js';

/** One image for the prompt: patch rows already in the encoder's order, and its (t, h, w) patch grid. */
export interface EngineImage {
  readonly pixelValues: Float32Array; // (t·h·w, 1176)
  readonly gridThw: readonly [number, number, number];
}

/** How decode steps are positioned; the default is Hugging Face Python's rule (cache length + rope delta). */
export type DecodePositions = (pastLength: number, ropeDelta: number, promptLength: number) => PositionIds;

export interface EngineRun {
  /** New tokens (prompt excluded, eos included when it stopped the run). */
  readonly tokens: number[];
  /** position_ids fed to the decoder at each call, flattened (3, 1, S) like the ONNX input. */
  readonly positions: number[][];
  /** Last-position logits of each decoder call. */
  readonly logits: Float32Array[];
}

const int64 = (dims: readonly number[], values: readonly number[]): HostTensor => ({
  type: 'int64',
  dims,
  data: BigInt64Array.from(values, (v) => BigInt(v)),
});

function output(out: Readonly<Record<string, HostTensor>>, name: string): HostTensor {
  const t = out[name];
  if (!t) throw new Error(`engine: missing output ${name}`);
  return t;
}

/**
 * This project's generation path over the three ONNX files in `model.dir` — the files transformers.js
 * loads, opened with the project's own createSession: embed_tokens → (vision_encoder features spliced
 * over the `<|image_pad|>` rows) → decoder_model_merged with the KV cache carried between calls,
 * M-RoPE positions from ropeIndex at prefill and decodePositionIds afterwards, greedy picking by
 * `generate`. Batch 1, no padding.
 */
export class EngineGreedy {
  private constructor(
    private readonly model: TinyQwen2VlModel,
    private readonly embed: ModelSession,
    private readonly decoder: ModelSession,
    private readonly vision: ModelSession,
  ) {}

  static async open(model: TinyQwen2VlModel): Promise<EngineGreedy> {
    const open = (file: string): Promise<ModelSession> => createSession(path.join(model.dir, file), { intraOpThreads: 1 });
    return new EngineGreedy(model, await open(ONNX_FILES.embedTokens), await open(ONNX_FILES.decoder), await open(ONNX_FILES.visionEncoder));
  }

  async release(): Promise<void> {
    await Promise.all([this.embed.release(), this.decoder.release(), this.vision.release()]);
  }

  async generate(promptIds: readonly number[], maxNewTokens: number, images: readonly EngineImage[] = [], decodePositions?: DecodePositions): Promise<EngineRun> {
    const config: DecoderConfig = this.model.decoder;
    const { tokens: ids } = this.model;
    const prompt = ropeIndex([...promptIds], images.map((im) => [...im.gridThw] as [number, number, number]), {
      imagePad: ids.imagePad,
      visionStart: ids.visionStart,
      timeSeriesPad: ids.timeSeriesPad,
    });
    const delta = nextRopeDelta(prompt);
    const positionsFor = decodePositions ?? ((past: number, d: number) => decodePositionIds(past, d));

    const positions: number[][] = [];
    const logitRows: Float32Array[] = [];
    let past: Record<string, HostTensor> = {};
    let pastLength = 0;

    const step = async (tokenIds: readonly number[], isPrefill: boolean): Promise<Float32Array> => {
      const seq = tokenIds.length;
      const embeds = await this.embedWithImages(tokenIds, isPrefill ? images : []);
      const pos = isPrefill ? prompt : positionsFor(pastLength, delta, promptIds.length);
      const flat = pos.flat();
      positions.push(flat);
      const feeds: Record<string, HostTensor> = {
        [INPUTS_EMBEDS]: embeds,
        [ATTENTION_MASK]: int64([1, pastLength + seq], new Array<number>(pastLength + seq).fill(1)),
        [POSITION_IDS]: int64([3, 1, seq], flat),
      };
      for (let i = 0; i < config.numLayers; i++) {
        for (const name of [pastKeyName(i), pastValueName(i)]) {
          feeds[name] = past[name] ?? { type: 'float32', dims: [1, config.numKvHeads, 0, config.headDim], data: new Float32Array(0) };
        }
      }
      const out = await run(this.decoder, feeds);
      const next: Record<string, HostTensor> = {};
      for (let i = 0; i < config.numLayers; i++) {
        next[pastKeyName(i)] = output(out, presentKeyName(i));
        next[pastValueName(i)] = output(out, presentValueName(i));
      }
      past = next;
      pastLength += seq;
      const logits = output(out, LOGITS); // (1, S, V)
      const v = config.vocabSize;
      const last = Float32Array.from(logits.data.subarray((seq - 1) * v, seq * v) as Float32Array);
      logitRows.push(last);
      return last;
    };

    const result = await generate({
      step: (input) => step(input.tokenIds ?? [], input.isPrefill),
      prefillInputs: { tokenIds: [...promptIds] },
      config: {
        maxNewTokens,
        eosTokenIds: this.model.eosTokenIds,
        padTokenId: ids.endOfText,
        doSample: false,
        repetitionPenalty: 1,
        numSequences: 1,
      },
    });
    return { tokens: result.tokenIds[0] ?? [], positions, logits: logitRows };
  }

  /** inputs_embeds (1, S, D) of `tokenIds`, with each image's features over its run of `<|image_pad|>` rows. */
  private async embedWithImages(tokenIds: readonly number[], images: readonly EngineImage[]): Promise<HostTensor> {
    const d = this.model.decoder.hiddenSize;
    const out = await run(this.embed, { [INPUT_IDS]: int64([1, tokenIds.length], tokenIds) });
    const embeds = Float32Array.from(output(out, INPUTS_EMBEDS).data as Float32Array);
    const features: number[] = [];
    for (const image of images) {
      // The encoder takes one image per call (see buildVisionEncoder); features concatenate in prompt order.
      const rows = image.gridThw[0] * image.gridThw[1] * image.gridThw[2];
      const encoded = await run(this.vision, {
        [VISION_ENCODER_IO.pixelValues]: { type: 'float32', dims: [rows, image.pixelValues.length / rows], data: image.pixelValues },
        [VISION_ENCODER_IO.gridThw]: int64([1, 3], image.gridThw),
      });
      features.push(...(output(encoded, VISION_ENCODER_IO.imageFeatures).data as Float32Array));
    }
    let next = 0;
    tokenIds.forEach((id, s) => {
      if (id !== this.model.tokens.imagePad || images.length === 0) return;
      if ((next + 1) * d > features.length) throw new Error('engine: more <|image_pad|> tokens than image features');
      embeds.set(features.slice(next * d, (next + 1) * d), s * d);
      next++;
    });
    if (images.length > 0 && next * d !== features.length) throw new Error('engine: image features left over after splicing');
    return { type: 'float32', dims: [1, tokenIds.length, d], data: embeds };
  }
}
