/**
 * The vocabulary of the active model (the first verified package, as analyzeStudy picks it by default):
 * its manifest's optional `vocabulary`, else the phantom lab's. Read once per service: verifying packages
 * hashes every file, far too slow for each review request.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelPackageStatus } from '../../contract/schemas';
import { labVocabulary, vocabularyFromManifest, type Vocabulary } from './reviewVocabulary';

export function activeVocabulary(listModels: () => Promise<ModelPackageStatus[]>): () => Promise<Vocabulary> {
  let cached: Promise<Vocabulary> | undefined;
  return () => (cached ??= load(listModels));
}

async function load(listModels: () => Promise<ModelPackageStatus[]>): Promise<Vocabulary> {
  const active = (await listModels().catch(() => [])).find((m) => m.verified);
  if (!active) return labVocabulary();
  try {
    const manifest: unknown = JSON.parse(await readFile(path.join(active.dir, 'manifest.json'), 'utf8'));
    return vocabularyFromManifest(manifest) ?? labVocabulary();
  } catch {
    // The package verified a moment ago; a manifest unreadable now only loses its own vocabulary.
    return labVocabulary();
  }
}
