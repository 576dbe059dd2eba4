import { createHash } from 'node:crypto';
import { deriveUid } from '../../util/uid';
import type { Domain, PatientInfo, PhotoSidecar, SeriesInfo, StudyInfo } from '../types';

/** DICOM modality for a photo by domain: external photo, ophthalmic photo, general microscopy. */
const MODALITY_BY_DOMAIN: Partial<Record<Domain, string>> = { skin: 'XC', fundus: 'OP', pathology: 'GM' };

/**
 * Patient/study/series of a photo, deterministic from its content hash so that importing the same image
 * again (from any path) yields the same UIDs. A sidecar patientId is used as the patient id (photos of one
 * patient group together); the study and series stay per image.
 */
export function photoIdentity(args: {
  bytes: Uint8Array;
  fileName: string;
  domain: Domain;
  sidecar: PhotoSidecar | undefined;
  patient: Partial<PatientInfo>;
}): { patient: PatientInfo; study: StudyInfo; series: SeriesInfo } {
  const hash = createHash('sha256').update(args.bytes).digest('hex');
  const { sidecar } = args;
  return {
    patient: { ...args.patient, patientId: sidecar?.patientId ?? `PHOTO-${hash.slice(0, 16)}` },
    study: { studyInstanceUid: deriveUid(`photo-study:${hash}`), description: sidecar?.studyDescription },
    series: {
      seriesInstanceUid: deriveUid(`photo-series:${hash}`),
      modality: sidecar?.modality ?? MODALITY_BY_DOMAIN[args.domain] ?? 'XC',
      description: args.fileName,
    },
  };
}
