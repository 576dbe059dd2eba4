/**
 * The bytes of a ground-truth mask named by a study's review (`image:<id>` → the photo's sidecar mask).
 * Served as stored, not decoded: decoding happens in the renderer's sandboxed page, so the main process
 * never decodes imported pixels (the import pipeline's rule). The path comes from the stored sidecar and
 * must resolve inside the photo's own object folder, where import placed its companions.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { OperationOutput } from '../../contract/service';
import type { StudyDetail } from '../../contract/schemas';
import { resolveMaskPath } from '../../parsing/photo/resolveMaskPath';
import { ServiceError } from '../dispatch';

const MAX_MASK_BYTES = 16 * 1024 * 1024;
const MEDIA_TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' } as const;

export async function readGroundTruthMask(detail: StudyDetail, ref: string): Promise<OperationOutput<'getGroundTruthMask'>> {
  const image = detail.series.flatMap((s) => s.images).find((i) => `image:${i.id}` === ref);
  const maskPath = image?.sidecar?.['maskPath'];
  if (!image || typeof maskPath !== 'string') throw new ServiceError(`no ground-truth mask "${ref}" in this study`, 'not-found');
  const folder = path.dirname(image.path);
  const resolved = await resolveMaskPath(maskPath, folder, folder);
  if ('error' in resolved) throw new ServiceError(`the mask of ${ref} cannot be read: its path ${resolved.error}`, 'not-found');
  const mediaType = MEDIA_TYPES[path.extname(resolved.path).toLowerCase() as keyof typeof MEDIA_TYPES];
  if (!mediaType) throw new ServiceError(`the mask of ${ref} is not a PNG or JPEG file`);
  if ((await stat(resolved.path)).size > MAX_MASK_BYTES) throw new ServiceError(`the mask of ${ref} is larger than 16 MiB`);
  return { ref, mediaType, base64: (await readFile(resolved.path)).toString('base64') };
}
