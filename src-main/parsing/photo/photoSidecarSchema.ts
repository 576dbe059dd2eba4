import type { z as Zod } from 'zod';
import { lazyRequire } from '../lazyRequire';
import { DOMAINS, type PhotoSidecar } from '../types';

// zod is loaded with the first sidecar, not at worker start (see lazyRequire).
const zod = lazyRequire<typeof import('zod')>('zod');

function buildSchema(z: typeof Zod) {
  const coordinate = z.number().finite();
  return z.looseObject({
    domain: z.enum(DOMAINS).optional(),
    modality: z.string().min(1).max(16).optional(),
    labels: z.array(z.string().min(1).max(256)).max(10_000).optional(),
    boxes: z
      .array(
        z.object({
          label: z.string().max(256).optional(),
          box: z.tuple([coordinate, coordinate, coordinate, coordinate]),
        }),
      )
      .max(100_000)
      .optional(),
    maskPath: z.string().min(1).max(4096).optional(),
    patientId: z.string().min(1).max(64).optional(),
    studyDescription: z.string().max(1024).optional(),
  });
}

let schema: ReturnType<typeof buildSchema> | undefined;

/** Shape of a PhotoSidecar (types.ts). Unknown keys pass through: sidecars carry tool-specific extras. */
export function photoSidecarSchema(): ReturnType<typeof buildSchema> {
  return (schema ??= buildSchema(zod().z));
}

// Compile-time check that the schema's output is assignable to the shared type.
const _typeCheck: (v: Zod.infer<ReturnType<typeof buildSchema>>) => PhotoSidecar = (v) => v;
void _typeCheck;

type SidecarKey = keyof PhotoSidecar;

/** Names people write for a known key (other tools' words, singulars), compared without case, `_` or `-`. */
const LIKELY_MEANT: Record<string, SidecarKey> = {
  label: 'labels',
  diagnosis: 'labels',
  box: 'boxes',
  bbox: 'boxes',
  bboxes: 'boxes',
  mask: 'maskPath',
  maskfile: 'maskPath',
  segmentation: 'maskPath',
  patient: 'patientId',
  description: 'studyDescription',
};

const squash = (key: string): string => key.toLowerCase().replace(/[_-]/g, '');

/**
 * Unknown keys pass through (sidecars carry tool-specific extras), but one that is plainly a known key
 * misspelt — `mask` for `maskPath`, `patient_id` for `patientId` — would otherwise lose its value without a
 * word: it gets a warning naming the key it was probably meant to be.
 */
function likelyTypos(json: Record<string, unknown>, name: string): string[] {
  const keys = Object.keys(photoSidecarSchema().shape);
  const known = new Map(keys.map((k) => [squash(k), k]));
  return Object.keys(json)
    .filter((key) => !keys.includes(key))
    .flatMap((key) => {
      const meant = known.get(squash(key)) ?? LIKELY_MEANT[squash(key)];
      return meant ? [`sidecar ${name}: key "${key}" is not read — did you mean "${meant}"?`] : [];
    });
}

/**
 * Validates field by field: a bad field (or a single bad box) is dropped with a warning naming it and the
 * rest is kept, so one typo does not throw away a sidecar's labels. Root not an object → null.
 */
export function validatePhotoSidecar(json: unknown, name: string): { sidecar: PhotoSidecar | null; warnings: string[] } {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { sidecar: null, warnings: [`sidecar ${name} ignored: not a JSON object`] };
  }
  const warnings = likelyTypos(json as Record<string, unknown>, name);
  const candidate: Record<string, unknown> = { ...(json as Record<string, unknown>) };
  // Each pass removes every field/box an issue points at, so this ends in at most a few passes.
  for (let pass = 0; pass < 4; pass++) {
    const result = photoSidecarSchema().safeParse(candidate);
    if (result.success) return { sidecar: result.data, warnings };
    const badBoxes = new Set<number>();
    for (const issue of result.error.issues) {
      const [field, index] = issue.path;
      warnings.push(`sidecar ${name}: ${issue.path.map(String).join('.') || '(root)'} dropped: ${issue.message}`);
      if (field === 'boxes' && typeof index === 'number') badBoxes.add(index);
      else if (typeof field === 'string') delete candidate[field];
    }
    if (badBoxes.size > 0 && Array.isArray(candidate['boxes'])) {
      candidate['boxes'] = (candidate['boxes'] as unknown[]).filter((_, i) => !badBoxes.has(i));
    }
  }
  return { sidecar: null, warnings: [...warnings, `sidecar ${name} ignored: could not be repaired`] };
}
