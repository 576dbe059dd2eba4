/**
 * The manifest of a model package (`manifest.json` in the package folder): everything needed to run the
 * model and to know what it is — architecture, tokens, template, preprocessing, generation defaults,
 * intended use, lineage — and the SHA-256 of every file, verified before anything is loaded.
 */
import { z } from 'zod';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256');

/** A path inside the package: relative, forward slashes, no `..`, no empty or dot segments. */
export const PackagePath = z
  .string()
  .min(1)
  .max(255)
  .refine((p) => !p.startsWith('/') && !/^[A-Za-z]:/.test(p) && !p.includes('\\'), 'must be a relative POSIX path')
  .refine((p) => p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..'), 'must not contain empty, . or .. segments');

export const ModelFileSchema = z.object({
  path: PackagePath,
  sha256: Sha256,
  size: z.number().int().nonnegative(),
  role: z.enum(['vision_encoder', 'ecg_encoder', 'embed_tokens', 'decoder', 'tokenizer', 'weights', 'external_data', 'other']),
});

export const ModelManifestSchema = z.object({
  format: z.literal('qoq-model-package/1'),
  name: z.string().min(1).max(128),
  version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'a semantic version'),
  /** Architecture configs as written by the model builders (decoder, vision, ECG encoders). */
  architecture: z.object({
    family: z.string(),
    decoder: z.record(z.string(), z.unknown()),
    vision: z.record(z.string(), z.unknown()).optional(),
    ecg: z.record(z.string(), z.unknown()).optional(),
  }),
  modalities: z.array(z.enum(['image', 'volume', 'ecg', 'text'])).min(1),
  specialTokens: z.object({
    endOfText: z.number().int(),
    imStart: z.number().int(),
    imEnd: z.number().int(),
    visionStart: z.number().int(),
    visionEnd: z.number().int(),
    imagePad: z.number().int(),
    timeSeriesPad: z.number().int(),
  }),
  chatTemplate: z.object({ kind: z.literal('qwen2-vl'), defaultSystem: z.string() }),
  preprocessing: z.object({
    minPixels: z.number().int().positive(),
    maxPixels: z.number().int().positive(),
    maxImages: z.number().int().positive(),
    ecgSampleRateHz: z.number().positive(),
    ecgWindowSamples: z.number().int().positive(),
    ctWindow: z.object({ center: z.number(), width: z.number().positive() }),
    volumeSlices: z.object({ strategy: z.enum(['first-last', 'evenly-spaced']), count: z.number().int().positive() }),
  }),
  generation: z.object({
    eosTokenIds: z.array(z.number().int()).min(1),
    maxNewTokens: z.number().int().positive(),
    temperature: z.number().nonnegative(),
    topP: z.number().gt(0).max(1),
    topK: z.number().int().nonnegative(),
    repetitionPenalty: z.number().positive(),
  }),
  /** Shown wherever the model's output is shown. */
  intendedUse: z.string().min(1),
  lineage: z.object({
    baseModel: z.string().nullable(),
    trainingData: z.string().nullable(),
    recipe: z.string().nullable(),
    metrics: z.record(z.string(), z.unknown()).nullable(),
    createdUtc: z.string(),
  }),
  files: z.array(ModelFileSchema).min(1),
});

export type ModelManifest = z.infer<typeof ModelManifestSchema>;
export type ModelFile = z.infer<typeof ModelFileSchema>;
