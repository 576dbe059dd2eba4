/**
 * The pre-trained encoders of a `model:build`, kept in its --work folder so a rebuild that changes only
 * what follows pre-training (output-layer fits, decoder SFT, checkpoint choice) skips its ~24 minutes on
 * two cores. One safetensors file holds both encoders' weights; its metadata holds the pre-training
 * settings they came from, and they are read back only when those settings are equal. Changes to the
 * pre-training code itself are not part of the key: delete the folder after one (the build says where).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TensorData } from '../../ml/graph/types';
import type { Weights } from '../../ml/models/vision/index.js';
import { readSafetensors, writeFolderAtomically, writeSafetensors, type SafetensorsTensor } from '../../ml/train/index.js';

export interface PretrainedEncoders {
  readonly vision: Weights;
  readonly ecg: Weights;
  /** Size of the pre-training split (for the recipe text), which is not re-read when the cache is used. */
  readonly counts: { readonly images: number; readonly ecg: number };
}

const FILE = 'encoders.safetensors';
const PREFIXES = { vision: 'vision/', ecg: 'ecg/' } as const;

/** The cache key: the settings as canonical JSON (object keys sorted, so the literal's order does not matter). */
export function pretrainingKey(settings: unknown): string {
  return JSON.stringify(settings, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : value,
  );
}

export async function savePretrainedEncoders(dir: string, key: string, encoders: PretrainedEncoders): Promise<void> {
  const tensors = new Map<string, SafetensorsTensor>();
  for (const [which, prefix] of Object.entries(PREFIXES) as [keyof typeof PREFIXES, string][]) {
    for (const [name, t] of encoders[which]) {
      if (!(t.data instanceof Float32Array)) throw new Error(`savePretrainedEncoders: ${which} weight '${name}' is ${t.dtype}, not float32`);
      tensors.set(prefix + name, { dtype: 'F32', shape: [...t.dims], data: t.data });
    }
  }
  const metadata = { key, images: String(encoders.counts.images), ecg: String(encoders.counts.ecg) };
  await writeFolderAtomically(dir, new Map([[FILE, writeSafetensors(tensors, metadata)]]));
}

/** The cached encoders when `dir` holds some pre-trained with exactly `key`'s settings, else null. */
export function loadPretrainedEncoders(dir: string, key: string): PretrainedEncoders | null {
  const file = path.join(dir, FILE);
  if (!existsSync(file)) return null;
  const { tensors, metadata } = readSafetensors(readFileSync(file));
  if (metadata.key !== key) return null;
  const split = (prefix: string): Map<string, TensorData> =>
    new Map(
      [...tensors].filter(([name]) => name.startsWith(prefix)).map(([name, t]): [string, TensorData] => {
        if (!(t.data instanceof Float32Array)) throw new Error(`loadPretrainedEncoders: '${name}' in ${file} is not F32`);
        return [name.slice(prefix.length), { dtype: 'float32', dims: [...t.shape], data: t.data }];
      }),
    );
  return { vision: split(PREFIXES.vision), ecg: split(PREFIXES.ecg), counts: { images: Number(metadata.images), ecg: Number(metadata.ecg) } };
}
