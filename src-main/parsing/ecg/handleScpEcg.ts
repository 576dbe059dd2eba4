import path from 'node:path';
import type { FileHandler } from '../types';
import { buildEcgObject, contentDigest } from './ecgObject';
import { looksLikeScpEcg, readScpEcg } from './readScpEcg';

/** Import-chain handler for SCP-ECG files, recognised by the "SCPECG" signature in section 0. */
export const handleScpEcg: FileHandler = async (file, limits) => {
  if (!looksLikeScpEcg(file.bytes)) return 'skip';
  try {
    const record = readScpEcg(file.bytes, limits);
    const digest = contentDigest(file.bytes);
    const object = buildEcgObject({
      record,
      seed: `scp:${digest}`,
      fallbackPatientId: `SCP-${digest.slice(0, 12)}`,
      description: 'SCP-ECG',
    });
    return { status: 'parsed', object };
  } catch (err) {
    return { status: 'rejected', reason: `SCP-ECG ${path.basename(file.path)}: ${(err as Error).message}` };
  }
};
