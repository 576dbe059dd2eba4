import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ModelManifestSchema, type ModelFile, type ModelManifest } from './modelManifest';
import { MANIFEST_FILE, sha256OfFile } from './verifyModelPackage';

/**
 * Writes `manifest.json` for files already placed in `packageDir`, hashing each one. A new model version
 * is always a new folder: nothing in an existing package is overwritten (fine-tuning keeps lineage).
 */
export async function writeModelManifest(
  packageDir: string,
  manifest: Omit<ModelManifest, 'files'>,
  files: Omit<ModelFile, 'sha256' | 'size'>[],
): Promise<ModelManifest> {
  mkdirSync(packageDir, { recursive: true });
  const hashed: ModelFile[] = [];
  for (const f of files) {
    const full = path.join(packageDir, ...f.path.split('/'));
    hashed.push({ ...f, size: statSync(full).size, sha256: await sha256OfFile(full) });
  }
  const complete = ModelManifestSchema.parse({ ...manifest, files: hashed });
  writeFileSync(path.join(packageDir, MANIFEST_FILE), `${JSON.stringify(complete, null, 2)}\n`, { flag: 'wx' });
  return complete;
}
