import { createHash } from 'node:crypto';
import { createReadStream, lstatSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { ModelManifestSchema, type ModelManifest } from './modelManifest';
import { ModelPackageError } from './ModelPackageError';

export const MANIFEST_FILE = 'manifest.json';

/**
 * Reads and checks a package before anything in it is loaded: the manifest parses and validates, every
 * listed file lies inside the folder (no `..`, absolute paths or symbolic links), exists with the listed
 * size, and has the listed SHA-256. Any mismatch refuses the whole package (ONNX external-data paths are
 * checked again when a graph is opened: see ml/graph/serialize/assertSafeExternalData).
 */
export async function verifyModelPackage(packageDir: string): Promise<ModelManifest> {
  const dir = realpathSync(packageDir);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path.join(dir, MANIFEST_FILE), 'utf8'));
  } catch (err) {
    throw new ModelPackageError(`cannot read ${MANIFEST_FILE}: ${(err as Error).message}`, packageDir);
  }
  const parsed = ModelManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ModelPackageError(`invalid manifest at ${issue.path.join('.') || '(root)'}: ${issue.message}`, packageDir);
  }
  const manifest = parsed.data;
  for (const file of manifest.files) {
    const full = path.join(dir, ...file.path.split('/'));
    let stat;
    try {
      stat = lstatSync(full);
    } catch {
      throw new ModelPackageError(`file ${file.path} is missing`, packageDir);
    }
    if (stat.isSymbolicLink() || !stat.isFile()) throw new ModelPackageError(`file ${file.path} is not a regular file`, packageDir);
    if (!realpathSync(full).startsWith(dir + path.sep)) throw new ModelPackageError(`file ${file.path} resolves outside the package`, packageDir);
    if (stat.size !== file.size) throw new ModelPackageError(`file ${file.path} is ${stat.size} bytes, the manifest says ${file.size}`, packageDir);
    const actual = await sha256OfFile(full);
    if (actual !== file.sha256) {
      throw new ModelPackageError(`file ${file.path} has SHA-256 ${actual}, the manifest pins ${file.sha256}: refusing to load`, packageDir);
    }
  }
  return manifest;
}

/** Streams the file: model weights can be gigabytes. */
export function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** The package's identity: SHA-256 over the manifest bytes (which pin every file's hash). */
export function packageHash(packageDir: string): string {
  return createHash('sha256').update(readFileSync(path.join(packageDir, MANIFEST_FILE))).digest('hex');
}
