import { decoderParameterSpecs } from '../models/decoder/index.js';
import { paramStateNames } from '../optim/index.js';
import { CHECKPOINT_FILES, LORA_CHECKPOINT_FILES } from './checkpointFiles.js';
import { loraFactorShapes } from './loraState.js';
import type { SafetensorsTensor } from './safetensorsFormat.js';
import { toTrainerJson } from './trainerJson.js';
import type { ParamTable, TrainerState } from './TrainerState.js';
import { writeFolderAtomically } from './writeFolderAtomically.js';
import { writeSafetensors } from './writeSafetensors.js';

/**
 * Writes `state` as the checkpoint folder `dir` (model / optimizer / reference safetensors +
 * trainer.json; LoRA runs: + base / lora), replacing any previous one atomically: a process killed
 * mid-save leaves the previous checkpoint loadable (see writeFolderAtomically). model.safetensors always
 * holds the policy (under LoRA the adapted weights), so the folder is a plain model package.
 */
export async function saveCheckpoint(dir: string, state: TrainerState): Promise<void> {
  const { lora } = state;
  const dims = new Map<string, readonly number[]>([
    ...decoderParameterSpecs(state.config).map((s) => [s.name, s.dims] as const),
    ...(lora ? loraFactorShapes(lora.targets, lora.settings.rank) : []),
  ]);
  const tensors = (table: ParamTable, rename: (p: string) => string = (p) => p): Map<string, SafetensorsTensor> =>
    new Map(Object.entries(table).map(([p, data]) => [rename(p), { dtype: 'F32', shape: dims.get(p) ?? [data.length], data }]));

  const optimizer = new Map([...tensors(state.moments.m, (p) => paramStateNames(p).m), ...tensors(state.moments.v, (p) => paramStateNames(p).v)]);
  // 'format: pt' is what transformers expects in a model.safetensors header.
  const files = new Map<string, Uint8Array | string>([
    [CHECKPOINT_FILES.model, writeSafetensors(tensors(state.weights), { format: 'pt' })],
    [CHECKPOINT_FILES.optimizer, writeSafetensors(optimizer)],
    [CHECKPOINT_FILES.trainer, `${JSON.stringify(toTrainerJson(state))}\n`],
  ]);
  if (lora) {
    files.set(LORA_CHECKPOINT_FILES.base, writeSafetensors(tensors(lora.base), { format: 'pt' }));
    files.set(LORA_CHECKPOINT_FILES.factors, writeSafetensors(tensors(lora.factors)));
    // The reference of a LoRA run is its base (createTrainerState): stored once, as base.safetensors.
    if (state.reference !== null && state.reference !== lora.base) throw new Error('saveCheckpoint: a LoRA run’s reference must be its base weights');
  } else if (state.reference) {
    files.set(CHECKPOINT_FILES.reference, writeSafetensors(tensors(state.reference), { format: 'pt' }));
  }
  await writeFolderAtomically(dir, files);
}
