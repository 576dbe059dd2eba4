import type { DataSet } from 'dicom-parser';
import { DicomReadError } from './DicomReadError';
import { TAG } from './dicomTags';
import { readFrameCount } from './readFrameCount';

/**
 * Rejects objects whose decoded pixels would exceed `maxPixelBytes`, before any decoder allocates:
 * rows × columns × frames × samples × bits allocated / 8. Computed in floating point, which is exact far
 * beyond any limit we use, so crafted 65535×65535×2^31 headers cannot overflow the check.
 */
export function checkPixelBudget(dataSet: DataSet, maxPixelBytes: number, warnings: string[]): void {
  const hasPixels =
    dataSet.elements[TAG.pixelData] ?? dataSet.elements[TAG.floatPixelData] ?? dataSet.elements[TAG.doubleFloatPixelData];
  if (!hasPixels) return;
  const rows = dataSet.uint16(TAG.rows) ?? 0;
  const columns = dataSet.uint16(TAG.columns) ?? 0;
  const frames = readFrameCount(dataSet, warnings);
  const samples = dataSet.uint16(TAG.samplesPerPixel) ?? 1;
  const bits = dataSet.uint16(TAG.bitsAllocated) ?? 16;
  const bytes = (rows * columns * frames * samples * bits) / 8;
  if (bytes > maxPixelBytes) {
    throw new DicomReadError(
      `decoded pixels would need ${bytes} bytes (${rows}×${columns}×${frames} frames×${samples} samples×${bits} bits), ` +
        `over the limit of ${maxPixelBytes} bytes`,
    );
  }
}
