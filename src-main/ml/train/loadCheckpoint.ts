import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decoderParameterSpecs, type DecoderConfig } from '../models/decoder/index.js';
import { paramStateNames } from '../optim/index.js';
import { CHECKPOINT_FILES } from './checkpointFiles.js';
import { readSafetensors } from './readSafetensors.js';
import { parseTrainerJson } from './trainerJson.js';
import type { ParamTable, TrainerState } from './TrainerState.js';
import { committedFolder } from './writeFolderAtomically.js';

/** Loads the last complete checkpoint written to `dir` by saveCheckpoint; throws when there is none. */
export async function loadCheckpoint(dir: string): Promise<TrainerState> {
  const folder = committedFolder(dir);
  if (folder === null) throw new Error(`loadCheckpoint: no checkpoint at ${dir}`);
  const json = parseTrainerJson(await readFile(path.join(folder, CHECKPOINT_FILES.trainer), 'utf8'));
  const { config, trainable } = json;
  const names = decoderParameterSpecs(config).map((s) => s.name);
  const optimizer = path.join(folder, CHECKPOINT_FILES.optimizer);
  return {
    config,
    weights: await readTable(config, path.join(folder, CHECKPOINT_FILES.model), names),
    trainable: [...trainable],
    moments: {
      m: await readTable(config, optimizer, trainable, (p) => paramStateNames(p).m),
      v: await readTable(config, optimizer, trainable, (p) => paramStateNames(p).v),
    },
    reference: json.hasReference ? await readTable(config, path.join(folder, CHECKPOINT_FILES.reference), names) : null,
    step: json.step,
    optimizerStep: json.optimizerStep,
    seed: json.seed,
    rngState: json.rngState,
    drpo: json.drpo,
  };
}

/** Reads `wanted` params (stored under rename(p)) as F32 tensors of the config's shapes. */
async function readTable(config: DecoderConfig, file: string, wanted: readonly string[], rename: (p: string) => string = (p) => p): Promise<ParamTable> {
  const { tensors } = readSafetensors(await readFile(file));
  const dims = new Map(decoderParameterSpecs(config).map((s) => [s.name, s.dims]));
  const out: ParamTable = {};
  for (const p of wanted) {
    const t = tensors.get(rename(p));
    const shape = dims.get(p);
    if (t === undefined || shape === undefined) throw new Error(`loadCheckpoint: ${path.basename(file)} lacks '${rename(p)}'`);
    if (t.dtype !== 'F32' || t.shape.join(',') !== shape.join(',')) {
      throw new Error(`loadCheckpoint: '${rename(p)}' is ${t.dtype} [${t.shape.join(', ')}], expected F32 [${shape.join(', ')}]`);
    }
    out[p] = t.data as Float32Array;
  }
  return out;
}
