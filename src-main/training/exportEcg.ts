/**
 * An ECG a record names, as the tensor file the reference loader reads: float32 (8, 2500) in NumPy
 * `.npy` — leads I, II, V1–V6, resampled to 500 Hz, first 2500 samples, zero-padded, z-scored per lead
 * (notes §6). The array comes from ecgInput(), the same function the workstation's inference uses, so a
 * model fine-tuned on the export sees what it will see here. Tensor files already in the record
 * (.npy/.pt) are kept as they are.
 */
import { readFileSync, statSync } from 'node:fs';
import { ecgInput, DEFAULT_ECG_INPUT_SETTINGS, type EcgInputSettings } from '../ml/preprocess/ecgInput';
import { sniffEcgXml } from '../parsing/ecg/handleEcgXml';
import { readEcgFile } from '../parsing/ecg/readEcgFile';
import type { EcgSummary, ParseLimits } from '../parsing/types';
import { encodeNpyFloat32 } from './npyFile';
import { sourceKind } from './exportSourceKind';

export type ExportedTimeSeries =
  | { readonly kind: 'copy' }
  | { readonly kind: 'npy'; readonly bytes: Uint8Array; readonly missingLeads: string[]; readonly substitutedLeads: { lead: string; from: string }[] };

export function ecgFormatOf(file: string, limits: ParseLimits): EcgSummary['format'] | 'tensor' {
  const kind = sourceKind(file);
  switch (kind) {
    case 'tensor':
      return 'tensor';
    case 'wfdb':
      return 'wfdb';
    case 'dicom':
      return 'dicom';
    case 'scp':
      return 'scp';
    case 'xml': {
      if (statSync(file).size > limits.maxTextBytes) throw new Error(`${file} is over the ${limits.maxTextBytes}-byte text limit`);
      const dialect = sniffEcgXml(readFileSync(file));
      if (dialect) return dialect;
      throw new Error(`${file}: XML that is neither HL7 aECG nor Philips ECG XML`);
    }
    default:
      throw new Error(`not an ECG the export can read (${kind}): ${file}`);
  }
}

export async function exportEcg(file: string, limits: ParseLimits, settings: EcgInputSettings = DEFAULT_ECG_INPUT_SETTINGS): Promise<ExportedTimeSeries> {
  const format = ecgFormatOf(file, limits);
  if (format === 'tensor') return { kind: 'copy' };
  if (format !== 'wfdb' && statSync(file).size > limits.maxFileBytes) throw new Error(`${file} is over the ${limits.maxFileBytes}-byte file limit`);
  const input = ecgInput(await readEcgFile(file, format, limits), settings);
  return { kind: 'npy', bytes: encodeNpyFloat32(input.data, input.shape), missingLeads: input.missingLeads, substitutedLeads: input.substitutedLeads };
}
