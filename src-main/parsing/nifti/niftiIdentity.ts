import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { deriveUid } from '../../util/uid';
import type { PatientInfo, SeriesInfo, StudyInfo } from '../types';
import { niftiStem } from './niftiNames';
import { peekNiftiHeader } from './openNiftiBytes';
import { sidecarString, sidecarUid } from './readBidsSidecar';

/**
 * Study seed of a NIfTI volume: `<reference stem>:<sha256 of the reference's header bytes>`.
 * A plain volume is its own reference. A derivative (label/seg/mask, see referenceVolumeOf) uses the
 * reference volume beside it, so it lands in the same patient and study. The header hash keeps the seed
 * content-based (the same file imported from another mount or ZIP staging folder gets the same UIDs) while
 * the stem keeps two unrelated volumes with byte-identical headers apart in most cases.
 */
export function studySeed(referenceStem: string, referenceHeaderBytes: Uint8Array): string {
  const digest = createHash('sha256').update(referenceHeaderBytes).digest('hex');
  return `nifti-study:${referenceStem}:${digest}`;
}

/** Reads and validates only the header of a NIfTI file on disk (a few KiB), for a derivative's study seed. */
export async function readReferenceHeaderBytes(filePath: string): Promise<Uint8Array> {
  const handle = await open(filePath, 'r');
  try {
    const head = new Uint8Array(64 * 1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return peekNiftiHeader(head.subarray(0, bytesRead)).headerBytes;
  } finally {
    await handle.close();
  }
}

export interface NiftiIdentity {
  patient: PatientInfo;
  study: StudyInfo;
  series: SeriesInfo;
}

/**
 * Patient/study/series for a volume. Real DICOM identifiers in the identity sidecar (dcm2niix can write
 * StudyInstanceUID/PatientID) win, so a converted series joins its DICOM study; otherwise all are derived:
 * patient and study from the study seed, series from the file's own content hash.
 */
export function niftiIdentity(args: {
  seed: string;
  fileBytes: Uint8Array;
  filePath: string;
  identitySidecar: Record<string, unknown> | undefined;
  ownSidecar: Record<string, unknown> | undefined;
  modality: string;
}): NiftiIdentity {
  const { seed, identitySidecar, ownSidecar } = args;
  const contentHash = createHash('sha256').update(args.fileBytes).digest('hex');
  const seedHash = createHash('sha256').update(seed).digest('hex');
  const seriesNumber = ownSidecar?.['SeriesNumber'];
  return {
    patient: {
      patientId: sidecarString(identitySidecar, 'PatientID') ?? `NIFTI-${seedHash.slice(0, 16)}`,
    },
    study: {
      studyInstanceUid: sidecarUid(identitySidecar, 'StudyInstanceUID') ?? deriveUid(seed),
      description: sidecarString(identitySidecar, 'StudyDescription'),
    },
    series: {
      seriesInstanceUid: sidecarUid(ownSidecar, 'SeriesInstanceUID') ?? deriveUid(`nifti-series:${contentHash}`),
      modality: args.modality,
      seriesNumber: typeof seriesNumber === 'number' && Number.isInteger(seriesNumber) ? seriesNumber : undefined,
      description: sidecarString(ownSidecar, 'SeriesDescription') ?? niftiStem(args.filePath),
    },
  };
}

