import { readFile } from 'node:fs/promises';
import { readDicom } from '../dicom/readDicom';
import { DEFAULT_LIMITS, type EcgRecord, type EcgSummary, type ParseLimits } from '../types';
import { readDicomWaveform } from './dicomWaveform';
import { readHl7Aecg } from './readHl7Aecg';
import { readPhilipsXml } from './readPhilipsXml';
import { readScpEcg } from './readScpEcg';
import { readWfdbRecord } from './readWfdbRecord';

/** Reads a stored ECG of a known format (as recorded at import) into microvolts. Throws with a reason. */
export async function readEcgFile(path: string, format: EcgSummary['format'], limits: ParseLimits = DEFAULT_LIMITS): Promise<EcgRecord> {
  switch (format) {
    case 'dicom':
      return readDicomWaveform(readDicom(await readFile(path), limits).dataSet);
    case 'wfdb':
      return readWfdbRecord(path, limits);
    case 'hl7-aecg':
      return readHl7Aecg(await readFile(path), limits);
    case 'philips-xml':
      return readPhilipsXml(await readFile(path), limits);
    case 'scp':
      return readScpEcg(await readFile(path), limits);
  }
}
