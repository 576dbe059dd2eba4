import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decoderParameterSpecs } from '../models/decoder/index.js';
import { paramStateNames } from '../optim/index.js';
import { CHECKPOINT_FILES, LORA_CHECKPOINT_FILES } from './checkpointFiles.js';
import { loraFactorShapes, loraTargets, type LoraState } from './loraState.js';
import { readSafetensors } from './readSafetensors.js';
import { parseTrainerJson } from './trainerJson.js';
import type { ParamTable, TrainerState } from './TrainerState.js';
import { committedFolder } from './writeFolderAtomically.js';

type Shapes = ReadonlyMap<string, readonly number[]>;

/** Loads the last complete checkpoint written to `dir` by saveCheckpoint; throws when there is none. */
export async function loadCheckpoint(dir: string): Promise<TrainerState> {
  const folder = committedFolder(dir);
  if (folder === null) throw new Error(`loadCheckpoint: no checkpoint at ${dir}`);
  const json = parseTrainerJson(await readFile(path.join(folder, CHECKPOINT_FILES.trainer), 'utf8'));
  const { config, trainable } = json;
  const decoderShapes: Shapes = new Map(decoderParameterSpecs(config).map((s) => [s.name, s.dims]));
  const names = [...decoderShapes.keys()];
  let lora: LoraState | null = null;
  let trainedShapes = decoderShapes;
  if (json.lora) {
    const targets = loraTargets(config, json.lora);
    const factorShapes = loraFactorShapes(targets, json.lora.rank);
    lora = {
      settings: json.lora,
      targets,
      base: await readTable(path.join(folder, LORA_CHECKPOINT_FILES.base), decoderShapes, names),
      factors: await readTable(path.join(folder, LORA_CHECKPOINT_FILES.factors), factorShapes, [...factorShapes.keys()]),
    };
    trainedShapes = factorShapes;
  }
  const optimizer = path.join(folder, CHECKPOINT_FILES.optimizer);
  const reference = !json.hasReference ? null : lora ? lora.base : await readTable(path.join(folder, CHECKPOINT_FILES.reference), decoderShapes, names);
  return {
    config,
    weights: await readTable(path.join(folder, CHECKPOINT_FILES.model), decoderShapes, names),
    trainable: [...trainable],
    lora,
    moments: {
      m: await readTable(optimizer, trainedShapes, trainable, (p) => paramStateNames(p).m),
      v: await readTable(optimizer, trainedShapes, trainable, (p) => paramStateNames(p).v),
    },
    reference,
    step: json.step,
    optimizerStep: json.optimizerStep,
    seed: json.seed,
    rngState: json.rngState,
    drpo: json.drpo,
  };
}

/** Reads `wanted` tensors (stored under rename(p)) as F32 tensors of the given shapes. */
async function readTable(file: string, shapes: Shapes, wanted: readonly string[], rename: (p: string) => string = (p) => p): Promise<ParamTable> {
  const { tensors } = readSafetensors(await readFile(file));
  const out: ParamTable = {};
  for (const p of wanted) {
    const t = tensors.get(rename(p));
    const shape = shapes.get(p);
    if (t === undefined || shape === undefined) throw new Error(`loadCheckpoint: ${path.basename(file)} lacks '${rename(p)}'`);
    if (t.dtype !== 'F32' || t.shape.join(',') !== shape.join(',')) {
      throw new Error(`loadCheckpoint: '${rename(p)}' is ${t.dtype} [${t.shape.join(', ')}], expected F32 [${shape.join(', ')}]`);
    }
    out[p] = t.data as Float32Array;
  }
  return out;
}
