import { isIntegerDatatype } from './niftiDatatypes';
import type { NiftiHeader } from './parseNiftiHeader';
import type { NiftiData } from './niftiVoxelArray';

/** NIFTI_INTENT_LABEL: "value at each voxel is an index into some set of labels". */
export const NIFTI_INTENT_LABEL = 1002;
/** A label-like file name (`brain_seg`, `x_mask`, `sub-01_dseg`) raises the distinct-value allowance. */
const LABEL_NAME = /(^|[_-])(label|labels|seg|segmentation|mask|dseg|aseg|parc)$/i;
/** Distinct values allowed for an integer volume to count as labels: plain name / label-like name. */
export const MAX_LABELS_PLAIN = 32;
export const MAX_LABELS_NAMED = 1024;

/**
 * Whether a volume holds integer labels rather than intensities. The rule:
 * 1. intent_code NIFTI_INTENT_LABEL (1002) → label map, whatever the values;
 * 2. otherwise the datatype must be integer and unscaled (scl_slope 0/NaN/1 with scl_inter 0/NaN: scaled
 *    data are quantised intensities), every value ≥ 0, background 0 present, and at most
 *    MAX_LABELS_PLAIN distinct values (MAX_LABELS_NAMED when the stem ends in _label/_seg/_mask/...).
 * `voxels` is a thunk so float volumes are never copied just to be classified.
 * Intensity images fail fast: CT has negatives, MR has hundreds of grey levels, so the scan stops early.
 */
export function isLabelMap(header: NiftiHeader, voxels: () => NiftiData, stem: string): boolean {
  if (header.intentCode === NIFTI_INTENT_LABEL) return true;
  if (!isIntegerDatatype(header.datatype)) return false;
  const slopeIsIdentity = header.sclSlope === 0 || Number.isNaN(header.sclSlope) || header.sclSlope === 1;
  const interIsZero = header.sclInter === 0 || Number.isNaN(header.sclInter);
  if (!slopeIsIdentity || !interIsZero) return false;
  const maxLabels = LABEL_NAME.test(stem) ? MAX_LABELS_NAMED : MAX_LABELS_PLAIN;
  const distinct = distinctNonNegative(voxels(), maxLabels);
  return distinct !== null && distinct.has(0);
}

/** The set of values if all are ≥ 0 and there are at most `max` of them, else null (stops early). */
function distinctNonNegative(data: NiftiData, max: number): Set<number> | null {
  const seen = new Set<number>();
  for (let i = 0; i < data.length; i++) {
    const v = Number(data[i]!);
    if (v < 0) return null;
    if (!seen.has(v)) {
      seen.add(v);
      if (seen.size > max) return null;
    }
  }
  return seen;
}
