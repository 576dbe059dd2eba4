import type { DataSet } from 'dicom-parser';
import type { ImageGeometry } from '../types';
import { TAG } from './dicomTags';
import { readFrameCount } from './readFrameCount';

/**
 * Image geometry of the first frame. Enhanced (multi-frame) objects keep per-frame attributes inside the
 * Functional Groups (PS3.3 C.7.6.16): the Per-frame item of frame 1 is searched first, then the Shared item,
 * then the top level (classic single-frame objects). Returns undefined when the object has no image pixel
 * description (Rows, Columns, Bits Allocated).
 */
export function readGeometry(dataSet: DataSet, warnings: string[]): ImageGeometry | undefined {
  const rows = dataSet.uint16(TAG.rows);
  const columns = dataSet.uint16(TAG.columns);
  const bitsAllocated = dataSet.uint16(TAG.bitsAllocated);
  if (rows === undefined || columns === undefined || bitsAllocated === undefined) return undefined;

  const g: ImageGeometry = {
    rows,
    columns,
    frames: readFrameCount(dataSet, warnings),
    bitsAllocated,
    samplesPerPixel: dataSet.uint16(TAG.samplesPerPixel) ?? 1,
  };
  const bitsStored = dataSet.uint16(TAG.bitsStored);
  if (bitsStored !== undefined) g.bitsStored = bitsStored;
  const pixelRepresentation = dataSet.uint16(TAG.pixelRepresentation);
  if (pixelRepresentation !== undefined) g.pixelRepresentation = pixelRepresentation;
  const photometric = dataSet.string(TAG.photometricInterpretation);
  if (photometric) g.photometricInterpretation = photometric;

  const spacing =
    numbers(frameAttribute(dataSet, TAG.pixelMeasuresSequence, TAG.pixelSpacing), 2) ??
    numbers(topLevel(dataSet, TAG.imagerPixelSpacing), 2);
  if (spacing) g.pixelSpacing = [spacing[0]!, spacing[1]!];
  const thickness = numbers(frameAttribute(dataSet, TAG.pixelMeasuresSequence, TAG.sliceThickness), 1);
  if (thickness) g.sliceThickness = thickness[0]!;
  const position = numbers(frameAttribute(dataSet, TAG.planePositionSequence, TAG.imagePositionPatient), 3);
  if (position) g.imagePosition = [position[0]!, position[1]!, position[2]!];
  const o = numbers(frameAttribute(dataSet, TAG.planeOrientationSequence, TAG.imageOrientationPatient), 6);
  if (o) g.imageOrientation = [o[0]!, o[1]!, o[2]!, o[3]!, o[4]!, o[5]!];

  const slope = numbers(frameAttribute(dataSet, TAG.pixelValueTransformationSequence, TAG.rescaleSlope), 1);
  if (slope) g.rescaleSlope = slope[0]!;
  const intercept = numbers(frameAttribute(dataSet, TAG.pixelValueTransformationSequence, TAG.rescaleIntercept), 1);
  if (intercept) g.rescaleIntercept = intercept[0]!;
  // Window values may be multi-valued (several presets): the first is the default.
  const center = numbers(frameAttribute(dataSet, TAG.frameVoiLutSequence, TAG.windowCenter), 1);
  if (center) g.windowCenter = center[0]!;
  const width = numbers(frameAttribute(dataSet, TAG.frameVoiLutSequence, TAG.windowWidth), 1);
  if (width) g.windowWidth = width[0]!;
  return g;
}

interface Located {
  dataSet: DataSet;
  tag: string;
}

/** Where `attr` lives for frame 1: Per-frame FG item 1, Shared FG, or the top level. */
function frameAttribute(dataSet: DataSet, macroSequence: string, attr: string): Located | undefined {
  for (const fgTag of [TAG.perFrameFunctionalGroupsSequence, TAG.sharedFunctionalGroupsSequence]) {
    const fg = dataSet.elements[fgTag]?.items?.[0]?.dataSet;
    const macro = fg?.elements[macroSequence]?.items?.[0]?.dataSet;
    if (macro?.elements[attr]) return { dataSet: macro, tag: attr };
  }
  return topLevel(dataSet, attr);
}

function topLevel(dataSet: DataSet, attr: string): Located | undefined {
  return dataSet.elements[attr] ? { dataSet, tag: attr } : undefined;
}

/** The first `count` values of a DS element, when all are finite numbers. */
function numbers(at: Located | undefined, count: number): number[] | undefined {
  if (!at) return undefined;
  const raw = at.dataSet.string(at.tag);
  if (raw === undefined) return undefined;
  const parts = raw.split('\\').slice(0, count).map((s) => (s.trim() === '' ? NaN : Number(s.trim())));
  if (parts.length < count || parts.some((n) => !Number.isFinite(n))) return undefined;
  return parts;
}
