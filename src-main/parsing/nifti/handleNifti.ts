import path from 'node:path';
import type { Domain, FileHandler, ImportFlag, ParseLimits, ParseOutcome, VolumeObject } from '../types';
import { isLabelMap } from './isLabelMap';
import { NiftiRefusal } from './NiftiRefusal';
import { niftiGeometry } from './niftiGeometry';
import { niftiIdentity, readReferenceHeaderBytes, studySeed } from './niftiIdentity';
import { isNiftiName, niftiStem, referenceVolumeOf } from './niftiNames';
import { niftiVoxelArray } from './niftiVoxelArray';
import { isGzip, openNiftiBytes, peekNiftiHeader } from './openNiftiBytes';
import { sniffNifti } from './parseNiftiHeader';
import { domainFromBidsSidecar, readBidsSidecar, type BidsSidecar } from './readBidsSidecar';

/**
 * Import-chain link for NIfTI-1/NIfTI-2 volumes (.nii, .nii.gz; either byte order). Claims files named
 * .nii/.nii.gz, and unnamed files whose first bytes are an uncompressed NIfTI header; everything else is
 * 'skip' (a bare .gz may be gzipped DICOM, which is not ours).
 */
export const handleNifti: FileHandler = async (file, limits) => {
  if (!isNiftiName(file.path) && !(sniffNifti(file.bytes) && !isGzip(file.bytes))) return 'skip';
  try {
    return await parseNiftiFile(file.path, file.bytes, limits);
  } catch (e) {
    if (e instanceof NiftiRefusal) return { status: 'rejected', reason: e.message };
    return { status: 'rejected', reason: `NIfTI parse failed: ${e instanceof Error ? e.message : String(e)}` };
  }
};

async function parseNiftiFile(filePath: string, bytes: Uint8Array, limits: ParseLimits): Promise<ParseOutcome> {
  const opened = openNiftiBytes(bytes, limits);
  const { header } = opened;
  const warnings = [...header.warnings];
  const stem = niftiStem(filePath);
  const geometry = niftiGeometry(header);
  const labelMap = isLabelMap(header, () => niftiVoxelArray(opened), stem);

  const own = await readBidsSidecar(filePath, limits);
  if (own.warning) warnings.push(own.warning);
  const companions: string[] = own.sidecar ? [own.sidecar.path] : [];

  // A derivative takes patient/study (and, lacking its own sidecar Modality, the domain) from its reference.
  let seed = studySeed(stem, peekNiftiHeader(bytes).headerBytes);
  let referenceSidecar: BidsSidecar | null = null;
  const reference = referenceVolumeOf(filePath, own.sidecar?.json ?? null);
  if (reference) {
    try {
      seed = studySeed(niftiStem(reference), await readReferenceHeaderBytes(reference));
      const ref = await readBidsSidecar(reference, limits);
      referenceSidecar = ref.sidecar;
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      warnings.push(`reference volume ${path.basename(reference)} unreadable (${why}); kept in its own study`);
    }
  }

  const domain: Domain =
    domainFromBidsSidecar(own.sidecar?.json) ?? domainFromBidsSidecar(referenceSidecar?.json) ?? 'other';
  const sidecarModality = own.sidecar?.json['Modality'];
  const modality = labelMap
    ? 'SEG'
    : domain === 'mri'
      ? 'MR'
      : domain === 'ct'
        ? 'CT'
        : typeof sidecarModality === 'string' && /^[A-Z]{2,4}$/.test(sidecarModality)
          ? sidecarModality
          : 'OT';
  const identity = niftiIdentity({
    seed,
    fileBytes: bytes,
    filePath,
    identitySidecar: (referenceSidecar ?? own.sidecar)?.json,
    ownSidecar: own.sidecar?.json,
    modality,
  });

  const flags: ImportFlag[] = header.littleEndian ? [] : ['big-endian'];
  const object: VolumeObject = {
    kind: 'volume',
    format: header.version === 1 ? 'nifti1' : 'nifti2',
    domain,
    ...identity,
    dims: geometry.dims,
    spacing: geometry.spacing,
    affine: geometry.affine,
    datatype: header.datatype.name,
    isLabelMap: labelMap,
    pixels: { state: 'ok' },
    companions,
    flags,
    warnings,
  };
  return { status: 'parsed', object };
}
