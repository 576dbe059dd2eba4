import { readFile, stat } from 'node:fs/promises';
import { DEFAULT_LIMITS, type ParseLimits } from '../types';
import { isLabelMap } from './isLabelMap';
import { NiftiRefusal } from './NiftiRefusal';
import type { AffineSource } from './niftiAffine';
import { niftiGeometry } from './niftiGeometry';
import { niftiStem } from './niftiNames';
import { niftiVoxelArray, type NiftiData } from './niftiVoxelArray';
import { openNiftiBytes } from './openNiftiBytes';

/** A decoded NIfTI volume for viewers and the model. Values are stored values: apply scl_slope/inter yourself. */
export interface NiftiVolume {
  format: 'nifti1' | 'nifti2';
  dims: number[];
  spacing: number[];
  /** Row-major 4×4 voxel → world (RAS+, mm). */
  affine: number[];
  affineSource: AffineSource;
  datatype: string;
  /** Real value = stored × sclSlope + sclInter when sclSlope is neither 0 nor NaN (NIfTI-1 spec). */
  sclSlope: number;
  sclInter: number;
  calMin: number;
  calMax: number;
  intentCode: number;
  description: string;
  isLabelMap: boolean;
  /** Voxels in host byte order, x fastest; complex interleaved, rgb24/rgba32 as 3/4 uint8 per voxel. */
  data: NiftiData;
  warnings: string[];
}

/**
 * Reads a .nii/.nii.gz from disk with the same checks as the import handler (size limits before any
 * allocation, bounded gunzip, truncation). Throws NiftiRefusal with a specific reason.
 */
export async function readNiftiVolume(filePath: string, limits: ParseLimits = DEFAULT_LIMITS): Promise<NiftiVolume> {
  const { size } = await stat(filePath);
  if (size > limits.maxFileBytes) {
    throw new NiftiRefusal(`file is ${size} bytes, over the maxFileBytes limit (${limits.maxFileBytes})`);
  }
  const opened = openNiftiBytes(await readFile(filePath), limits);
  const { header } = opened;
  const geometry = niftiGeometry(header);
  const data = niftiVoxelArray(opened);
  return {
    format: header.version === 1 ? 'nifti1' : 'nifti2',
    ...geometry,
    datatype: header.datatype.name,
    sclSlope: header.sclSlope,
    sclInter: header.sclInter,
    calMin: header.calMin,
    calMax: header.calMax,
    intentCode: header.intentCode,
    description: header.description,
    isLabelMap: isLabelMap(header, () => data, niftiStem(filePath)),
    data,
    warnings: [...header.warnings],
  };
}
