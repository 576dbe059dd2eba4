import type { DataSet } from 'dicom-parser';
import type { PatientInfo, SeriesInfo, StudyInfo } from '../types';
import { deriveUid } from '../../util/uid';
import { sha256Hex } from '../../util/sha256';
import { decoderFor, readText } from './decodeText';
import { TAG } from './dicomTags';

export interface HeaderInfo {
  patient: PatientInfo;
  study: StudyInfo;
  series: SeriesInfo;
  sopClassUid: string;
  sopInstanceUid: string;
  instanceNumber?: number;
}

/**
 * Identifying attributes for the store. Missing UIDs are derived deterministically (with a warning) so that
 * damaged objects still group with themselves on re-import.
 */
export function readHeaderInfo(dataSet: DataSet, bytes: Uint8Array, warnings: string[]): HeaderInfo {
  const dec = decoderFor(dataSet);
  const text = (tag: string): string | undefined => readText(dataSet, tag, dec);
  const setIf = <T extends object>(obj: T, key: keyof T, value: T[keyof T] | undefined): void => {
    if (value !== undefined) obj[key] = value;
  };

  let sopInstanceUid = text(TAG.sopInstanceUid) ?? text(TAG.mediaStorageSopInstanceUid);
  if (!sopInstanceUid) {
    sopInstanceUid = deriveUid(`sop\0${sha256Hex(bytes)}`);
    warnings.push(`no SOP Instance UID: derived ${sopInstanceUid} from the file content`);
  }
  const sopClassUid = text(TAG.sopClassUid) ?? text(TAG.mediaStorageSopClassUid) ?? '';
  if (!sopClassUid) warnings.push('no SOP Class UID');

  let studyInstanceUid = text(TAG.studyInstanceUid);
  if (!studyInstanceUid) {
    studyInstanceUid = deriveUid(`study\0${sopInstanceUid}`);
    warnings.push(`no Study Instance UID: derived ${studyInstanceUid}`);
  }
  let seriesInstanceUid = text(TAG.seriesInstanceUid);
  if (!seriesInstanceUid) {
    seriesInstanceUid = deriveUid(`series\0${sopInstanceUid}`);
    warnings.push(`no Series Instance UID: derived ${seriesInstanceUid}`);
  }
  let patientId = text(TAG.patientId);
  if (!patientId) {
    patientId = `anon-${deriveUid(`patient\0${studyInstanceUid}`).slice(5, 21)}`;
    warnings.push(`no Patient ID: using ${patientId}`);
  }

  const patient: PatientInfo = { patientId };
  setIf(patient, 'name', text(TAG.patientName));
  setIf(patient, 'birthDate', text(TAG.patientBirthDate));
  setIf(patient, 'sex', text(TAG.patientSex));

  const study: StudyInfo = { studyInstanceUid };
  setIf(study, 'studyDate', text(TAG.studyDate));
  setIf(study, 'studyTime', text(TAG.studyTime));
  setIf(study, 'description', text(TAG.studyDescription));
  setIf(study, 'accessionNumber', text(TAG.accessionNumber));
  setIf(study, 'studyId', text(TAG.studyId));

  const series: SeriesInfo = { seriesInstanceUid, modality: text(TAG.modality)?.toUpperCase() ?? 'OT' };
  setIf(series, 'seriesNumber', intValue(dataSet, TAG.seriesNumber));
  setIf(series, 'description', text(TAG.seriesDescription));
  setIf(series, 'bodyPart', text(TAG.bodyPartExamined));

  const info: HeaderInfo = { patient, study, series, sopClassUid, sopInstanceUid };
  setIf(info, 'instanceNumber', intValue(dataSet, TAG.instanceNumber));
  return info;
}

/** An IS value, or undefined when absent or not an integer string. */
export function intValue(dataSet: DataSet, tag: string): number | undefined {
  const s = dataSet.string(tag)?.trim();
  return s && /^[+-]?\d+$/.test(s) ? Number(s) : undefined;
}
