import { z } from 'zod';
import { assertValidDecoderConfig, type DecoderConfig } from '../models/decoder/index.js';
import { checkEcgConfig, type EcgConfig } from '../models/ecg/index.js';
import { checkVisionConfig, type VisionConfig } from '../models/vision/index.js';
import type { ModelManifest } from '../package/modelManifest';

// The manifest stores architecture configs as free-form records (any family may add keys); the runtime
// reads back exactly the fields the builders wrote and refuses anything else it cannot run. Only float32
// graphs are run: the feeds are Float32Arrays.
const positiveInt = z.number().int().positive();
const float32 = z.literal('float32');

const DecoderSchema = z.object({
  vocabSize: positiveInt,
  hiddenSize: positiveInt,
  numLayers: positiveInt,
  numHeads: positiveInt,
  numKvHeads: positiveInt,
  headDim: positiveInt,
  intermediateSize: positiveInt,
  rmsNormEps: z.number().positive(),
  ropeTheta: z.number().positive(),
  mropeSection: z.tuple([z.number().int(), z.number().int(), z.number().int()]),
  tieWordEmbeddings: z.boolean(),
  dtype: float32,
});

const VisionSchema = z.object({
  patchSize: positiveInt,
  temporalPatchSize: positiveInt,
  inChannels: z.literal(3),
  hiddenSize: positiveInt,
  depth: positiveInt,
  numHeads: positiveInt,
  intermediateSize: positiveInt,
  spatialMergeSize: positiveInt,
  outHiddenSize: positiveInt,
  windowSize: positiveInt,
  fullAttentionBlocks: z.array(z.number().int()),
  ropeTheta: z.number().positive(),
  rmsNormEps: z.number().positive(),
  dtype: float32,
});

const EcgSchema = z.object({
  leads: positiveInt,
  samples: positiveInt,
  patchSize: positiveInt,
  dim: positiveInt,
  depth: positiveInt,
  numHeads: positiveInt,
  mlpRatio: z.number().positive(),
  qkvBias: z.boolean(),
  layerNormEps: z.number().positive(),
  outHiddenSize: positiveInt,
  dtype: float32,
});

export interface RuntimeArchitecture {
  readonly decoder: DecoderConfig;
  readonly vision?: VisionConfig;
  readonly ecg?: EcgConfig;
}

/**
 * The configs of a verified manifest, checked for what the runtime relies on: each one valid on its own,
 * encoders projecting into the decoder's width, the ECG window matching the preprocessing setting.
 */
export function readArchitecture(manifest: ModelManifest): RuntimeArchitecture {
  const { architecture: a, preprocessing: p } = manifest;
  const decoder = parse('decoder', DecoderSchema, a.decoder);
  assertValidDecoderConfig(decoder);
  const vision = a.vision === undefined ? undefined : parse('vision', VisionSchema, a.vision);
  const ecg = a.ecg === undefined ? undefined : parse('ecg', EcgSchema, a.ecg);
  if (vision) {
    checkVisionConfig(vision);
    if (vision.outHiddenSize !== decoder.hiddenSize) throw new Error(`architecture: vision.outHiddenSize ${vision.outHiddenSize} ≠ decoder.hiddenSize ${decoder.hiddenSize}`);
  }
  if (ecg) {
    checkEcgConfig(ecg);
    if (ecg.outHiddenSize !== decoder.hiddenSize) throw new Error(`architecture: ecg.outHiddenSize ${ecg.outHiddenSize} ≠ decoder.hiddenSize ${decoder.hiddenSize}`);
    if (ecg.samples !== p.ecgWindowSamples) throw new Error(`architecture: ecg.samples ${ecg.samples} ≠ preprocessing.ecgWindowSamples ${p.ecgWindowSamples}`);
  }
  return { decoder, ...(vision ? { vision } : {}), ...(ecg ? { ecg } : {}) };
}

function parse<T>(name: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`architecture.${name}${issue ? `.${issue.path.join('.')}: ${issue.message}` : ' is invalid'}`);
  }
  return result.data;
}
