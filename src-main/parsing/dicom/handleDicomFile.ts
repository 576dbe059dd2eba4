import type { DicomObject, FileHandler, ParseOutcome } from '../types';
import { readDicomWaveform } from '../ecg/dicomWaveform';
import { classifyDomain } from './classifyDomain';
import { classifyObjectType, isWaveformSopClass } from './classifyObjectType';
import { DicomReadError } from './DicomReadError';
import { TAG } from './dicomTags';
import { isDicomDirSopClass } from './dicomDirSopClass';
import { readDicom, type DicomReadResult } from './readDicom';
import { readGeometry } from './readGeometry';
import { readHeaderInfo } from './readHeaderInfo';
import { verifyPixels } from './verifyPixels';

/**
 * Import-chain handler for DICOM objects: 'skip' for non-DICOM bytes and for DICOMDIRs (handleDicomDir owns
 * those), 'rejected' with the reader's reason for damaged or refused files, otherwise a DicomObject whose
 * pixels were checked (see verifyPixels for how much is decoded).
 */
export const handleDicomFile: FileHandler = async (file, limits) => {
  let read: DicomReadResult;
  try {
    read = readDicom(file.bytes, limits);
  } catch (err) {
    if (err instanceof DicomReadError && err.notDicom) return 'skip';
    return { status: 'rejected', reason: err instanceof Error ? err.message : String(err) };
  }
  const { dataSet, transferSyntaxUid } = read;
  const flags = [...read.flags];
  const warnings = [...read.warnings];
  const header = readHeaderInfo(dataSet, file.bytes, warnings);
  if (isDicomDirSopClass(header.sopClassUid)) return 'skip';

  const hasPixels = [TAG.pixelData, TAG.floatPixelData, TAG.doubleFloatPixelData].some((t) => dataSet.elements[t]);
  const waveform = isWaveformSopClass(header.sopClassUid);
  const geometry = readGeometry(dataSet, warnings);
  const pixels = await verifyPixels(dataSet, transferSyntaxUid, geometry, read.pixelDataDamage, limits.pixelVerification);
  if (pixels.laterFramesNotDecoded) flags.push('later-frames-not-decoded');
  const object: DicomObject = {
    kind: 'dicom',
    objectType: classifyObjectType(header.sopClassUid, hasPixels),
    domain: classifyDomain(header.series.modality, header.series.bodyPart, waveform),
    patient: header.patient,
    study: header.study,
    series: header.series,
    sopClassUid: header.sopClassUid,
    sopInstanceUid: header.sopInstanceUid,
    transferSyntaxUid,
    pixels: pixels.status,
    flags,
    warnings,
  };
  if (header.instanceNumber !== undefined) object.instanceNumber = header.instanceNumber;
  if (geometry) object.geometry = geometry;
  if (waveform) {
    try {
      object.waveform = readDicomWaveform(dataSet).summary;
    } catch (err) {
      warnings.push(`ECG waveform could not be decoded: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const outcome: ParseOutcome = { status: 'parsed', object };
  return outcome;
};
