// PLACEHOLDER owned by the ECG work: replaced with the real implementation.
import type { DataSet } from 'dicom-parser';
import type { EcgRecord } from '../types';

/** Decodes a DICOM waveform (12-lead / general ECG) data set into microvolts. Throws with a reason. */
export function readDicomWaveform(_dataSet: DataSet): EcgRecord {
  throw new Error('readDicomWaveform: not implemented yet');
}
