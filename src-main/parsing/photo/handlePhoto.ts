import path from 'node:path';
import type { Domain, FileHandler, ImportFlag, ParseLimits, ParseOutcome, PhotoObject, PhotoSidecar } from '../types';
import { decodePhoto } from './decodePhoto';
import { domainFromPathHints } from './domainFromPathHints';
import { isBinaryMask } from './isBinaryMask';
import { loadPhotoSidecar } from './loadPhotoSidecar';
import { companionMasksOf, maskReferenceOf } from './maskCompanions';
import { hasPhotoExtension, sniffPhotoFormat } from './photoFormat';
import { photoIdentity } from './photoIdentity';
import { PhotoRefusal } from './PhotoRefusal';

/**
 * Import-chain link for photos (PNG, JPEG, TIFF), claimed by signature, or by extension when the signature
 * is wrong (then rejected with the reason). Every image is fully decoded to prove it is readable. A binary
 * mask beside its image (see maskCompanions) is 'not-medical' itself and listed in the image's companions.
 */
export const handlePhoto: FileHandler = async (file, limits) => {
  const { bytes } = file;
  // A DICOM file may carry image bytes in its preamble (a polyglot): it belongs to the DICOM handler.
  const isDicom = bytes.length >= 132 && String.fromCharCode(...bytes.subarray(128, 132)) === 'DICM';
  if (isDicom || (!sniffPhotoFormat(bytes) && !hasPhotoExtension(file.path))) return 'skip';
  try {
    return await parsePhoto(file.path, bytes, limits);
  } catch (e) {
    if (e instanceof PhotoRefusal) return { status: 'rejected', reason: e.message };
    return { status: 'rejected', reason: `photo parse failed: ${e instanceof Error ? e.message : String(e)}` };
  }
};

async function parsePhoto(filePath: string, bytes: Uint8Array, limits: ParseLimits): Promise<ParseOutcome> {
  const { header, rgba } = decodePhoto(bytes, limits);
  if (isBinaryMask(rgba)) {
    const owner = await maskReferenceOf(filePath);
    if (owner) return { status: 'not-medical', reason: `mask of ${path.basename(owner)}` };
  }

  const loaded = await loadPhotoSidecar(filePath, header, limits);
  const warnings = [...header.warnings, ...loaded.warnings];
  const companions = [...loaded.companions];
  let sidecar: PhotoSidecar | undefined = loaded.sidecar;
  const masks = await companionMasksOf(filePath, limits);
  for (const mask of masks) if (!companions.includes(mask)) companions.push(mask);
  if (masks.length > 0 && !sidecar?.maskPath) {
    // Relative to the sidecar, which lives (or would live) in the image's folder.
    sidecar = { ...sidecar, maskPath: path.basename(masks[0]!) };
  }

  const domain: Domain = sidecar?.domain ?? domainFromPathHints(filePath);
  const flags: ImportFlag[] = header.lossy ? ['lossy-compressed'] : [];
  const object: PhotoObject = {
    kind: 'photo',
    domain,
    ...photoIdentity({ bytes, fileName: path.basename(filePath), domain, sidecar, patient: loaded.patient }),
    format: header.format,
    width: header.width,
    height: header.height,
    channels: header.channels,
    bitDepth: header.bitDepth,
    ...(sidecar ? { sidecar } : {}),
    companions,
    pixels: { state: 'ok' },
    flags,
    warnings,
  };
  return { status: 'parsed', object };
}
