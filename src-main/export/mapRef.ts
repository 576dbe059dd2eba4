/**
 * Box and input references name images as `<SOP Instance UID>#<frame>`, `image:<id>` or
 * `volume:<id>#<slice>` (AnalysisBox.ref). In a de-identified export the SOP Instance UID is replaced by
 * the export's mapping, so a box still points at the same (replaced) UID in the SR, FHIR and JSON.
 */
import type { UidMapper } from './uidMapper';

export interface ParsedRef {
  kind: 'dicom' | 'image' | 'volume';
  /** SOP Instance UID, or the store id of the photo/volume. */
  id: string;
  /** Frame (0-based, as decodeFrame counts; DICOM's Referenced Frame Number is this + 1) or slice. */
  index: number;
}

export function parseRef(ref: string): ParsedRef | undefined {
  const photo = /^image:(\d+)$/.exec(ref);
  if (photo) return { kind: 'image', id: photo[1]!, index: 0 };
  const volume = /^volume:(\d+)#(\d+)$/.exec(ref);
  if (volume) return { kind: 'volume', id: volume[1]!, index: Number(volume[2]) };
  const dicom = /^([0-9.]+)(?:#(\d+))?$/.exec(ref);
  if (dicom) return { kind: 'dicom', id: dicom[1]!, index: dicom[2] ? Number(dicom[2]) : 0 };
  return undefined;
}

export function mapRef(ref: string, uids: UidMapper): string {
  const parsed = parseRef(ref);
  if (parsed?.kind !== 'dicom') return ref;
  return ref.replace(parsed.id, uids.map(parsed.id));
}
