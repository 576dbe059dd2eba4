/**
 * Key images for the PDF: for every finding, the image its first box is on, decoded from the object
 * store with the same loaders the model uses (so the picture is what the model saw, windowed as a viewer
 * shows it), with every box of every finding on that image. In a de-identified export an image that may
 * carry burned-in identity is withheld with the reason instead (a person must confirm pixel cleaning).
 */
import type { StudyReport } from '../contract/reviewSchemas';
import type { RgbImage } from '../ml/preprocess/types';
import { WINDOW_PRESETS } from '../ml/preprocess/windowPresets';
import { loadModelInput } from '../inference/loadModelInput';
import type { ModelInputRef } from '../inference/modelInputRef';
import { parseRef } from './mapRef';
import { burnedInReason, type StudySources } from './studySources';

export interface KeyImage {
  /** The reference as in the report being rendered (replaced UID when de-identified). */
  ref: string;
  /** Findings (by index in review.findings) whose boxes are on this image. */
  findings: number[];
  rgb?: RgbImage;
  /** Why no pixels are shown (withheld or undecodable). */
  missing?: string;
}

export async function renderKeyImages(
  original: StudyReport,
  sources: StudySources,
  opts: { deidentify: boolean; outputRef: (ref: string) => string },
): Promise<KeyImage[]> {
  const byRef = new Map<string, KeyImage>();
  original.review.findings.forEach((f, index) => {
    const first = f.boxes[0];
    if (!first) return;
    const img = byRef.get(first.ref) ?? { ref: opts.outputRef(first.ref), findings: [] };
    img.findings.push(index);
    byRef.set(first.ref, img);
  });
  // Other findings whose boxes also fall on a chosen image are drawn there too.
  original.review.findings.forEach((f, index) => {
    for (const b of f.boxes) {
      const img = byRef.get(b.ref);
      if (img && !img.findings.includes(index)) img.findings.push(index);
    }
  });
  for (const [ref, img] of byRef) {
    const input = resolveInput(ref, sources);
    if (!input) {
      img.missing = 'the referenced image is not in the study';
      continue;
    }
    if (opts.deidentify && input.kind === 'dicom') {
      const parsed = parseRef(ref)!;
      const reason = burnedInReason(sources.headers.get(parsed.id), input.modality);
      if (reason) {
        img.missing = `withheld from the de-identified export: ${reason}; confirm pixel cleaning first`;
        continue;
      }
    }
    try {
      const loaded = await loadModelInput(input, { ctWindow: WINDOW_PRESETS['ct-soft-tissue'] });
      if (loaded.type === 'image') img.rgb = loaded.rgb;
    } catch (err) {
      img.missing = `could not decode the image: ${(err as Error).message}`;
    }
  }
  return [...byRef.values()];
}

function resolveInput(ref: string, sources: StudySources): ModelInputRef | undefined {
  const parsed = parseRef(ref);
  if (!parsed) return undefined;
  if (parsed.kind === 'dicom') {
    const hit = sources.instances.get(parsed.id);
    return hit ? { kind: 'dicom', path: hit.instance.path, frame: parsed.index, ref, modality: hit.series.modality } : undefined;
  }
  if (parsed.kind === 'image') {
    const hit = sources.images.get(Number(parsed.id));
    return hit ? { kind: 'photo', path: hit.image.path, ref } : undefined;
  }
  const hit = sources.volumes.get(Number(parsed.id));
  return hit ? { kind: 'nifti', path: hit.volume.path, slice: parsed.index, ref } : undefined;
}
