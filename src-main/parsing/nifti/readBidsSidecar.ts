import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Domain, ParseLimits } from '../types';
import { niftiStem } from './niftiNames';

export interface BidsSidecar {
  path: string;
  json: Record<string, unknown>;
}

/**
 * The BIDS-style JSON sidecar `<stem>.json` beside a NIfTI file. Missing → null with no warning (most NIfTI
 * files have none); unreadable, too large or not a JSON object → null with a warning naming the problem.
 */
export async function readBidsSidecar(
  niftiPath: string,
  limits: ParseLimits,
): Promise<{ sidecar: BidsSidecar | null; warning?: string }> {
  const sidecarPath = path.join(path.dirname(niftiPath), `${niftiStem(niftiPath)}.json`);
  let size: number;
  try {
    const st = await stat(sidecarPath);
    if (!st.isFile()) return { sidecar: null };
    size = st.size;
  } catch {
    return { sidecar: null };
  }
  const name = path.basename(sidecarPath);
  if (size > limits.maxTextBytes) {
    return { sidecar: null, warning: `sidecar ${name} ignored: ${size} bytes, over maxTextBytes (${limits.maxTextBytes})` };
  }
  try {
    const json: unknown = JSON.parse(await readFile(sidecarPath, 'utf8'));
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      return { sidecar: null, warning: `sidecar ${name} ignored: not a JSON object` };
    }
    return { sidecar: { path: sidecarPath, json: json as Record<string, unknown> } };
  } catch (e) {
    return { sidecar: null, warning: `sidecar ${name} ignored: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** BIDS "Modality" (DICOM modality code, as dcm2niix writes it) → domain; anything else is 'other'. */
export function domainFromBidsSidecar(json: Record<string, unknown> | undefined): Domain | null {
  const modality = json?.['Modality'];
  if (typeof modality !== 'string') return null;
  const code = modality.trim().toUpperCase();
  if (code === 'MR') return 'mri';
  if (code === 'CT') return 'ct';
  return null;
}

/** A string field of the sidecar that is a well-formed DICOM UID, else undefined. */
export function sidecarUid(json: Record<string, unknown> | undefined, key: string): string | undefined {
  const v = json?.[key];
  return typeof v === 'string' && v.length <= 64 && /^(0|[1-9]\d*)(\.(0|[1-9]\d*))+$/.test(v) ? v : undefined;
}

export function sidecarString(json: Record<string, unknown> | undefined, key: string): string | undefined {
  const v = json?.[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}
