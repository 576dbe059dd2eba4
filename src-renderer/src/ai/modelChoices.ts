// Pure helpers over listModels' answer, kept out of the components so the rules (which packages may be
// picked, how a hash is shortened) live in one place.
import type { ModelPackageStatus } from '../../../src-main/contract/schemas';

export interface ModelChoices {
  /** Packages that passed verification: the only ones the picker offers. */
  usable: ModelPackageStatus[];
  /** Packages the service refused, listed with their reason so the reader knows why a model is missing. */
  refused: ModelPackageStatus[];
}

export function splitModels(models: readonly ModelPackageStatus[]): ModelChoices {
  return {
    usable: models.filter((m) => m.verified),
    refused: models.filter((m) => !m.verified),
  };
}

/** The last path segment: refused packages have no manifest name, so their folder is what identifies them. */
export function folderName(dir: string): string {
  return dir.split(/[\\/]/).filter(Boolean).pop() ?? dir;
}

export function modelLabel(model: ModelPackageStatus): string {
  const name = model.name ?? folderName(model.dir);
  return model.version ? `${name} ${model.version}` : name;
}

/** 12 hex digits: enough to tell versions apart at a glance; the full hash is in the tooltip and audit log. */
export function shortHash(sha256: string | null | undefined): string {
  return sha256 ? sha256.slice(0, 12) : '—';
}
