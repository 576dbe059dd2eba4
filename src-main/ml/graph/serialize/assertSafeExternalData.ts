import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { IGraphProto, IModelProto, ITensorProto } from './onnxSchema.js';

export class UnsafeExternalDataError extends Error {
  override readonly name = 'UnsafeExternalDataError';
}

/**
 * Refuses a model whose external-data references could read outside its own folder: absolute paths,
 * `..` segments, and paths (or symlinks) that resolve elsewhere. Model packages are untrusted input
 * (a shared fine-tune, a downloaded export) and ONNX Runtime itself follows whatever `location` says.
 * Also checks that each [offset, offset + length) lies inside its file.
 */
export function assertSafeExternalData(model: IModelProto, modelDir: string): void {
  const realDir = realpathSync(modelDir);
  for (const tensor of listExternalTensors(model)) {
    const entries = new Map((tensor.externalData ?? []).map((e) => [e.key ?? '', e.value ?? '']));
    const where = `initializer '${tensor.name ?? ''}'`;
    const location = entries.get('location') ?? '';
    const file = checkLocation(location, realDir, where);
    const offset = nonNegativeInt(entries.get('offset') ?? '0', `${where}: offset`);
    const length = entries.has('length') ? nonNegativeInt(entries.get('length') ?? '', `${where}: length`) : 0;
    const size = statSync(file).size;
    if (offset + length > size) {
      throw new UnsafeExternalDataError(`${where}: bytes [${offset}, ${offset + length}) exceed '${location}' (${size} bytes)`);
    }
  }
}

function checkLocation(location: string, realDir: string, where: string): string {
  if (location === '' || location.includes('\0')) throw new UnsafeExternalDataError(`${where}: empty or invalid external-data location`);
  // Checked under both conventions: a package written on Windows may be opened on Linux and vice versa.
  if (path.posix.isAbsolute(location) || path.win32.isAbsolute(location) || /^[a-zA-Z]:/.test(location)) {
    throw new UnsafeExternalDataError(`${where}: external-data location '${location}' is absolute`);
  }
  if (location.split(/[\\/]/).includes('..')) {
    throw new UnsafeExternalDataError(`${where}: external-data location '${location}' contains '..'`);
  }
  const resolved = path.resolve(realDir, location);
  if (!inside(realDir, resolved)) throw new UnsafeExternalDataError(`${where}: '${location}' resolves outside the model folder`);
  if (!existsSync(resolved)) throw new UnsafeExternalDataError(`${where}: external-data file '${location}' does not exist`);
  const real = realpathSync(resolved);
  if (!inside(realDir, real)) throw new UnsafeExternalDataError(`${where}: '${location}' is a link that leads outside the model folder`);
  return real;
}

function inside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function nonNegativeInt(text: string, what: string): number {
  if (!/^\d+$/.test(text)) throw new UnsafeExternalDataError(`${what} '${text}' is not a non-negative integer`);
  return Number(text);
}

/** Every tensor with data_location = EXTERNAL, including those in Constant attributes and subgraphs. */
export function listExternalTensors(model: IModelProto): ITensorProto[] {
  return [...externalTensors(model.graph)];
}

function* externalTensors(graph: IGraphProto | null | undefined): Generator<ITensorProto> {
  if (!graph) return;
  const tensors: ITensorProto[] = [...(graph.initializer ?? [])];
  for (const sparse of graph.sparseInitializer ?? []) {
    tensors.push(...[sparse.values, sparse.indices].filter((t): t is ITensorProto => !!t));
  }
  for (const node of graph.node ?? []) {
    for (const attr of node.attribute ?? []) {
      if (attr.t) tensors.push(attr.t);
      tensors.push(...(attr.tensors ?? []));
      yield* externalTensors(attr.g);
      for (const sub of attr.graphs ?? []) yield* externalTensors(sub);
    }
  }
  // data_location EXTERNAL is 1; a tensor with external_data entries but no flag is treated as external too.
  yield* tensors.filter((t) => t.dataLocation === 1 || (t.externalData?.length ?? 0) > 0);
}
