/**
 * The import chain: each handler looks at a file and either takes it (parsed / rejected / not medical)
 * or skips it for the next one. Adding a format = adding one handler here.
 * Order matters only where formats overlap: a DICOMDIR is DICOM too, and a sidecar .json must be claimed
 * before anything treats it as text.
 */
import { handleDicomDir } from './dicom/handleDicomDir';
import { handleDicomFile } from './dicom/handleDicomFile';
import { handleEcgXml } from './ecg/handleEcgXml';
import { handleScpEcg } from './ecg/handleScpEcg';
import { handleWfdbCompanion } from './ecg/handleWfdbCompanion';
import { handleWfdbHeader } from './ecg/handleWfdbHeader';
import { handleUnrecognised } from './handleUnrecognised';
import { handleNifti } from './nifti/handleNifti';
import { handleNiftiSidecar } from './nifti/handleNiftiSidecar';
import { handlePhoto } from './photo/handlePhoto';
import { handlePhotoSidecar } from './photo/handlePhotoSidecar';
import type { CandidateFile, FileHandler, ParseLimits, ParseOutcome } from './types';

const CHAIN: readonly FileHandler[] = [
  handleDicomDir,
  handleDicomFile,
  handleWfdbHeader,
  handleWfdbCompanion,
  handleEcgXml,
  handleScpEcg,
  handleNifti,
  handleNiftiSidecar,
  handlePhotoSidecar,
  handlePhoto,
];

/** Runs the chain on one file. Never throws: a handler that throws is reported as a rejection. */
export async function parseFile(file: CandidateFile, limits: ParseLimits): Promise<ParseOutcome> {
  for (const handler of CHAIN) {
    let outcome: ParseOutcome | 'skip';
    try {
      outcome = await handler(file, limits);
    } catch (err) {
      return { status: 'rejected', reason: `${handler.name}: unexpected error: ${(err as Error).message}` };
    }
    if (outcome !== 'skip') return outcome;
  }
  return handleUnrecognised(file);
}
