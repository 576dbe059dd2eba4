import type { DataSet } from 'dicom-parser';
import { TAG } from './dicomTags';

/**
 * Number of Frames (0028,0008, VR IS). A strict read: "1A" (badVR.dcm) is not silently parseInt'ed to 1
 * without saying so. Missing, invalid or < 1 means one frame, with a warning for the latter two.
 */
export function readFrameCount(dataSet: DataSet, warnings: string[]): number {
  const raw = dataSet.string(TAG.numberOfFrames);
  if (raw === undefined || raw === '') return 1;
  const text = raw.trim();
  if (!/^[+-]?\d+$/.test(text)) {
    pushOnce(warnings, `Number of Frames "${text}" is not an integer string; assuming 1`);
    return 1;
  }
  const n = Number(text);
  if (n < 1) {
    pushOnce(warnings, `Number of Frames ${n} is below 1; assuming 1`);
    return 1;
  }
  return n;
}

function pushOnce(warnings: string[], message: string): void {
  if (!warnings.includes(message)) warnings.push(message);
}
