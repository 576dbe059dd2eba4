import { decoderParameterSpecs } from '../models/decoder/index.js';
import { paramStateNames } from '../optim/index.js';
import { CHECKPOINT_FILES } from './checkpointFiles.js';
import type { SafetensorsTensor } from './safetensorsFormat.js';
import { toTrainerJson } from './trainerJson.js';
import type { ParamTable, TrainerState } from './TrainerState.js';
import { writeFolderAtomically } from './writeFolderAtomically.js';
import { writeSafetensors } from './writeSafetensors.js';

/**
 * Writes `state` as the checkpoint folder `dir` (model / optimizer / reference safetensors +
 * trainer.json), replacing any previous one atomically: a process killed mid-save leaves the previous
 * checkpoint loadable (see writeFolderAtomically).
 */
export async function saveCheckpoint(dir: string, state: TrainerState): Promise<void> {
  const dims = new Map(decoderParameterSpecs(state.config).map((s) => [s.name, s.dims]));
  const tensors = (table: ParamTable, rename: (p: string) => string = (p) => p): Map<string, SafetensorsTensor> =>
    new Map(Object.entries(table).map(([p, data]) => [rename(p), { dtype: 'F32', shape: dims.get(p) ?? [data.length], data }]));

  const optimizer = new Map([...tensors(state.moments.m, (p) => paramStateNames(p).m), ...tensors(state.moments.v, (p) => paramStateNames(p).v)]);
  // 'format: pt' is what transformers expects in a model.safetensors header.
  const files = new Map<string, Uint8Array | string>([
    [CHECKPOINT_FILES.model, writeSafetensors(tensors(state.weights), { format: 'pt' })],
    [CHECKPOINT_FILES.optimizer, writeSafetensors(optimizer)],
    [CHECKPOINT_FILES.trainer, `${JSON.stringify(toTrainerJson(state))}\n`],
  ]);
  if (state.reference) files.set(CHECKPOINT_FILES.reference, writeSafetensors(tensors(state.reference), { format: 'pt' }));
  await writeFolderAtomically(dir, files);
}
