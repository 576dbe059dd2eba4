import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ParseLimits, PatientInfo, PhotoSidecar } from '../types';
import { fromIsicMetadata } from './isicMetadata';
import { sidecarCandidates } from './photoSidecarPaths';
import { validatePhotoSidecar } from './photoSidecarSchema';
import { resolveMaskPath } from './resolveMaskPath';

export interface LoadedSidecar {
  sidecar?: PhotoSidecar;
  /** Sidecar file and validated mask file, absolute. */
  companions: string[];
  patient: Partial<PatientInfo>;
  warnings: string[];
}

/**
 * Finds, reads and checks the JSON sidecar of a photo. Nothing here rejects the photo: every problem drops
 * the offending part of the sidecar and becomes a warning. Checks beyond the schema: boxes must satisfy
 * 0 ≤ x1 < x2 ≤ width and 0 ≤ y1 < y2 ≤ height (original pixels); maskPath must resolve inside the image's
 * folder (resolveMaskPath) and exist.
 */
export async function loadPhotoSidecar(
  imagePath: string,
  image: { width: number; height: number },
  limits: ParseLimits,
): Promise<LoadedSidecar> {
  const empty: LoadedSidecar = { companions: [], patient: {}, warnings: [] };
  const found = await firstExistingFile(sidecarCandidates(imagePath));
  if (!found) return empty;
  const name = path.basename(found.path);
  if (found.size > limits.maxTextBytes) {
    return { ...empty, companions: [found.path], warnings: [`sidecar ${name} ignored: ${found.size} bytes, over maxTextBytes`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(found.path, 'utf8'));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ...empty, companions: [found.path], warnings: [`sidecar ${name} ignored: invalid JSON (${why})`] };
  }

  const isic = fromIsicMetadata(json);
  if (isic) return { sidecar: isic.sidecar, companions: [found.path], patient: isic.patient, warnings: [] };

  const { sidecar, warnings } = validatePhotoSidecar(json, name);
  const companions = [found.path];
  if (!sidecar) return { ...empty, companions, warnings };

  if (sidecar.boxes) {
    sidecar.boxes = sidecar.boxes.filter((b, i) => {
      const [x1, y1, x2, y2] = b.box;
      const inside = x1 >= 0 && y1 >= 0 && x2 <= image.width && y2 <= image.height && x1 < x2 && y1 < y2;
      if (!inside) {
        const label = b.label ? ` (${b.label})` : '';
        warnings.push(
          `sidecar ${name}: box ${i}${label} [${b.box.join(', ')}] dropped: not inside the ${image.width}×${image.height} image with x1 < x2, y1 < y2`,
        );
      }
      return inside;
    });
  }
  if (sidecar.maskPath !== undefined) {
    const mask = await resolveMaskPath(sidecar.maskPath, path.dirname(found.path), path.dirname(imagePath));
    if ('error' in mask) {
      warnings.push(`sidecar ${name}: maskPath '${sidecar.maskPath}' dropped: ${mask.error}`);
      delete sidecar.maskPath;
    } else {
      companions.push(mask.path);
    }
  }
  return { sidecar, companions, patient: {}, warnings };
}

async function firstExistingFile(candidates: string[]): Promise<{ path: string; size: number } | null> {
  for (const candidate of candidates) {
    try {
      const st = await stat(candidate);
      if (st.isFile()) return { path: candidate, size: st.size };
    } catch {
      // not there: try the next name
    }
  }
  return null;
}
