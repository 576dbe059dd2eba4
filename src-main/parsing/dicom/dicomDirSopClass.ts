/** Media Storage Directory Storage (PS3.4 Annex F): the SOP class of a DICOMDIR. */
export const DICOMDIR_SOP_CLASS = '1.2.840.10008.1.3.10';

export function isDicomDirSopClass(sopClassUid: string | undefined): boolean {
  return sopClassUid === DICOMDIR_SOP_CLASS;
}
