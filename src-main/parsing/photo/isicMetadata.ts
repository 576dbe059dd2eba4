import type { z as Zod } from 'zod';
import { lazyRequire } from '../lazyRequire';
import type { PatientInfo, PhotoSidecar } from '../types';

// zod is loaded with the first sidecar, not at worker start (see lazyRequire).
const zod = lazyRequire<typeof import('zod')>('zod');

/**
 * ISIC Archive API metadata (`{"_id", "name", "meta": {"clinical": {...}, "acquisition": {...}}}`), as the
 * ISIC downloads ship beside each image. It is not a PhotoSidecar; it is recognised by this shape.
 */
const buildIsicSchema = (z: typeof Zod) =>
  z.looseObject({
    name: z.string().optional(),
    _id: z.string().optional(),
    meta: z.looseObject({
      clinical: z.looseObject({
        diagnosis: z.string().nullish(),
        benign_malignant: z.string().nullish(),
        age_approx: z.number().nullish(),
        sex: z.string().nullish(),
        melanocytic: z.boolean().nullish(),
        diagnosis_confirm_type: z.string().nullish(),
      }),
      acquisition: z.looseObject({ image_type: z.string().nullish() }).optional(),
    }),
  });

let isicSchema: ReturnType<typeof buildIsicSchema> | undefined;

/** The ISIC record mapped to a sidecar (domain skin, labels [diagnosis]) and patient sex; null if not ISIC. */
export function fromIsicMetadata(json: unknown): { sidecar: PhotoSidecar; patient: Partial<PatientInfo> } | null {
  const parsed = (isicSchema ??= buildIsicSchema(zod().z)).safeParse(json);
  if (!parsed.success) return null;
  const { name, meta } = parsed.data;
  const c = meta.clinical;
  const sidecar: PhotoSidecar = {
    domain: 'skin',
    modality: 'XC',
    labels: c.diagnosis ? [c.diagnosis] : [],
    source: 'isic',
    isic: {
      id: name ?? parsed.data._id,
      benignMalignant: c.benign_malignant ?? undefined,
      ageApprox: c.age_approx ?? undefined,
      melanocytic: c.melanocytic ?? undefined,
      diagnosisConfirmType: c.diagnosis_confirm_type ?? undefined,
      imageType: meta.acquisition?.image_type ?? undefined,
    },
  };
  const sex = c.sex === 'female' ? 'F' : c.sex === 'male' ? 'M' : undefined;
  return { sidecar, patient: sex ? { sex } : {} };
}
