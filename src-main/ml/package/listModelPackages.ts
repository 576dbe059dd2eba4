import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ModelPackageError } from './ModelPackageError';
import { MANIFEST_FILE, packageHash, verifyModelPackage } from './verifyModelPackage';

export interface ModelPackageStatus {
  dir: string;
  name: string | null;
  version: string | null;
  /** SHA-256 of the manifest (which pins every file). */
  sha256: string | null;
  verified: boolean;
  problem: string | null;
  intendedUse: string | null;
}

/**
 * Every package folder (one holding a manifest.json) under the given roots, each verified. Roots keep
 * their order (the service passes the bundled folder first, so the bundled model is the default); within
 * a root, folders are sorted by name so the order does not depend on the file system.
 */
export async function listModelPackages(roots: string[]): Promise<ModelPackageStatus[]> {
  const out: ModelPackageStatus[] = [];
  for (const root of roots) {
    if (!existsSync(root)) continue;
    const entries = readdirSync(root, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const dir = path.join(root, entry.name);
      if (!entry.isDirectory() || !existsSync(path.join(dir, MANIFEST_FILE))) continue;
      try {
        const m = await verifyModelPackage(dir);
        out.push({ dir, name: m.name, version: m.version, sha256: packageHash(dir), verified: true, problem: null, intendedUse: m.intendedUse });
      } catch (err) {
        const problem = err instanceof ModelPackageError ? err.message : `unexpected error: ${(err as Error).message}`;
        out.push({ dir, name: null, version: null, sha256: null, verified: false, problem, intendedUse: null });
      }
    }
  }
  return out;
}
