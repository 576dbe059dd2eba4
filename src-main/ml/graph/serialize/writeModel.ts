import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Graph } from '../types.js';
import { encodeModel } from './modelCodec.js';
import { toModelProto, type ModelProtoOptions } from './toModelProto.js';

/**
 * Writes `graph` to `modelPath` and, when some initializer is over the threshold, its side file next
 * to it (`<model file name>.data`), so ORT finds the data relative to the model as the spec requires.
 */
export async function writeModel(
  graph: Graph,
  modelPath: string,
  options: Omit<ModelProtoOptions, 'externalDataLocation'>,
): Promise<void> {
  const location = `${path.basename(modelPath)}.data`;
  const { model, externalData } = toModelProto(graph, { ...options, externalDataLocation: location });
  await mkdir(path.dirname(modelPath), { recursive: true });
  if (externalData) await writeFile(path.join(path.dirname(modelPath), location), externalData);
  await writeFile(modelPath, encodeModel(model));
}
