import { createHash } from 'node:crypto';
import { deriveUid } from '../../util/uid';
import type { EcgObject, EcgRecord, PatientInfo, StudyInfo } from '../types';

/** Short, stable hex digest of file content: the seed of every synthesised id, so re-imports match. */
export function contentDigest(...parts: (Uint8Array | string)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

export interface EcgObjectInput {
  record: EcgRecord;
  /** Seed for derived UIDs: a content digest (not a path) so the same file imported twice is the same object. */
  seed: string;
  /** The file's own recording UID when it has one (aECG root id); otherwise derived from the seed. */
  recordId?: string;
  /** Fallback patient ID when the file names none (e.g. WFDB record name). */
  fallbackPatientId: string;
  description?: string;
  companions?: string[];
  warnings?: string[];
}

/**
 * Wraps a decoded record in the EcgObject the store keeps. Non-DICOM ECG formats have no study/series
 * UIDs, so they are derived deterministically from the content seed with deriveUid (2.25 root).
 */
export function buildEcgObject(input: EcgObjectInput): EcgObject {
  const { record, seed } = input;
  const patient: PatientInfo = { patientId: record.patient?.patientId || input.fallbackPatientId };
  if (record.patient?.name) patient.name = record.patient.name;
  if (record.patient?.birthDate) patient.birthDate = record.patient.birthDate;
  if (record.patient?.sex) patient.sex = record.patient.sex;
  const study: StudyInfo = { studyInstanceUid: deriveUid(`ecg-study:${seed}`) };
  const acq = record.acquisitionDateTime;
  if (acq) {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?/.exec(acq);
    if (m) {
      study.studyDate = `${m[1]}${m[2]}${m[3]}`;
      if (m[4]) study.studyTime = `${m[4]}${m[5]}${m[6]}`;
    }
  }
  if (input.description) study.description = input.description;
  return {
    kind: 'ecg',
    domain: 'ecg',
    patient,
    study,
    series: {
      seriesInstanceUid: deriveUid(`ecg-series:${seed}`),
      modality: 'ECG',
      seriesNumber: 1,
      description: `${record.summary.format} ECG, ${record.summary.leads.length} leads`,
    },
    recordId: input.recordId ?? deriveUid(`ecg-record:${seed}`),
    waveform: record.summary,
    companions: input.companions ?? [],
    flags: [],
    warnings: input.warnings ?? [],
  };
}
