/**
 * Why a byte buffer could not be read as DICOM.
 *
 * `notDicom` separates "this is some other format" (PNG, text, gzip: the import chain should offer the file
 * to the next handler) from "this is DICOM but damaged or refused" (the file is reported as rejected).
 */
export class DicomReadError extends Error {
  readonly notDicom: boolean;

  constructor(message: string, options: { notDicom?: boolean } = {}) {
    super(message);
    this.name = 'DicomReadError';
    this.notDicom = options.notDicom ?? false;
  }
}

/** Type guard usable across module boundaries (structured clones lose the prototype, names survive). */
export function isNotDicomError(err: unknown): boolean {
  return err instanceof DicomReadError && err.notDicom;
}
