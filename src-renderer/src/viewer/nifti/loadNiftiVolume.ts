// A stored NIfTI volume as a cornerstone volume: the file comes from the host's /files/volumes/<id>
// route, nifti-reader-js reads its header (and gunzips), and the voxels become a local (fully loaded)
// cornerstone volume that the MPR and 3D layouts show like a DICOM one.
import { utilities, volumeLoader, type Types } from '@cornerstonejs/core';
import * as nifti from 'nifti-reader-js';
import type { VolumeRecord } from '../../../../src-main/contract/schemas';
import { lpsGeometry, niftiVoxels, rightHanded, robustWindow } from './niftiVoxels';

export function volumeFileUrl(volumeId: number, origin: string): string {
  return `${origin}/files/volumes/${volumeId}`;
}

export async function loadNiftiVolume(
  cornerstoneVolumeId: string,
  record: VolumeRecord,
  modality: string,
  origin: string,
): Promise<Types.IImageVolume> {
  const res = await fetch(volumeFileUrl(record.id, origin));
  if (!res.ok) throw new Error(`the volume could not be loaded (HTTP ${res.status})`);
  let data = await res.arrayBuffer();
  if (nifti.isCompressed(data)) data = (await nifti.decompressAsync(data)) as ArrayBuffer;
  const header = nifti.readHeader(data);
  const [nx = 1, ny = 1, nz = 1] = header.dims.slice(1, 4).map((d) => Math.max(1, d));
  const scalarData = niftiVoxels(nifti.readImage(header, data), {
    datatypeCode: header.datatypeCode,
    littleEndian: header.littleEndian,
    count: nx * ny * nz,
    sclSlope: header.scl_slope,
    sclInter: header.scl_inter,
  });
  const geometry = rightHanded(scalarData, [nx, ny, nz], lpsGeometry(record.affine, record.spacing));
  const window = robustWindow(scalarData);
  const volume = volumeLoader.createLocalVolume(cornerstoneVolumeId, {
    metadata: {
      BitsAllocated: 32,
      BitsStored: 32,
      SamplesPerPixel: 1,
      HighBit: 31,
      PhotometricInterpretation: 'MONOCHROME2',
      PixelRepresentation: 1,
      Modality: modality,
      ImageOrientationPatient: geometry.direction.slice(0, 6),
      PixelSpacing: [geometry.spacing[1], geometry.spacing[0]],
      FrameOfReferenceUID: `qoq-nifti-${record.id}`,
      Columns: nx,
      Rows: ny,
      voiLut: [{ windowWidth: window.width, windowCenter: window.center }],
      VOILUTFunction: 'LINEAR',
    },
    dimensions: [nx, ny, nz],
    spacing: geometry.spacing,
    origin: geometry.origin,
    direction: geometry.direction,
    scalarData,
  });
  const { genericMetadataProvider } = utilities;
  const d = geometry.direction;
  volume.imageIds.forEach((imageId, k) => {
    // The viewports take their initial window from the slices' VOI module (local slices have none).
    genericMetadataProvider.add(imageId, {
      type: 'voiLutModule',
      metadata: { windowWidth: [window.width], windowCenter: [window.center] },
    });
    // createLocalVolume gives every slice the volume's origin; the acquisition-plane view draws slices as
    // images and finds them by position, so each slice gets its own.
    const plane = genericMetadataProvider.get('imagePlaneModule', imageId) as Record<string, unknown> | undefined;
    const step = k * geometry.spacing[2];
    const position = [geometry.origin[0] + step * d[6], geometry.origin[1] + step * d[7], geometry.origin[2] + step * d[8]];
    genericMetadataProvider.add(imageId, { type: 'imagePlaneModule', metadata: { ...plane, imagePositionPatient: position, sliceLocation: position[2] } });
  });
  return volume;
}
