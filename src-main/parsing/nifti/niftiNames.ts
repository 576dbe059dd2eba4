import { existsSync } from 'node:fs';
import path from 'node:path';

const NIFTI_NAME = /\.nii(\.gz)?$/i;
/** `<ref>_label`, `<ref>-seg`, `<ref>_mask`, ...: a derivative of the volume `<ref>` beside it. */
const DERIVATIVE_SUFFIX = /^(.+?)[_-](label|labels|seg|segmentation|mask|dseg)$/i;

export function isNiftiName(filePath: string): boolean {
  return NIFTI_NAME.test(filePath);
}

/** File name without .nii / .nii.gz (or any last extension for other names). */
export function niftiStem(filePath: string): string {
  const base = path.basename(filePath);
  return NIFTI_NAME.test(base) ? base.replace(NIFTI_NAME, '') : path.parse(base).name;
}

/** `<dir>/<stem>.nii` or `.nii.gz`, whichever exists (plain .nii first), or null. */
export function siblingNifti(dir: string, stem: string): string | null {
  for (const ext of ['.nii', '.nii.gz']) {
    const candidate = path.join(dir, stem + ext);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * The reference volume a derivative belongs to, when its name or sidecar says so:
 * - sidecar "Sources" (BIDS derivatives): the first entry whose base name is a NIfTI file beside this one;
 * - else the name: `<ref>_label|_labels|_seg|_segmentation|_mask|_dseg` with `<ref>.nii[.gz]` beside it.
 * Only the same folder is searched, so a sidecar cannot point the importer at arbitrary files.
 */
export function referenceVolumeOf(filePath: string, sidecar: Record<string, unknown> | null): string | null {
  const dir = path.dirname(filePath);
  const sources = sidecar?.['Sources'];
  if (Array.isArray(sources)) {
    for (const s of sources) {
      if (typeof s !== 'string') continue;
      const base = s.split(/[/:\\]/).pop() ?? '';
      if (!isNiftiName(base)) continue;
      const candidate = path.join(dir, base);
      if (candidate !== filePath && existsSync(candidate)) return candidate;
    }
  }
  const match = DERIVATIVE_SUFFIX.exec(niftiStem(filePath));
  return match ? siblingNifti(dir, match[1]!) : null;
}
