import { toDisplayRgb, type DisplayRgb } from '../ml/preprocess/toDisplayRgb';
import type { VoiWindow } from '../ml/preprocess/windowPresets';
import { decodeFrame } from '../parsing/dicom/pixels/decodeFrame';
import type { DicomReadResult } from '../parsing/dicom/readDicom';
import { readGeometry } from '../parsing/dicom/readGeometry';

/**
 * One DICOM frame as the model sees it: decoded, rescaled to modality units, windowed (the window when
 * given — CT — else the file's own window) and turned into 8-bit RGB. The one implementation for
 * `qoq analyze` (loadModelInput) and the training export (exportImage), so the PNGs a cluster trains
 * on are the pixels the workstation's model reads.
 */
export async function dicomFrameRgb(read: DicomReadResult, frame: number, window: VoiWindow | undefined): Promise<DisplayRgb> {
  const geometry = readGeometry(read.dataSet, []);
  const decoded = await decodeFrame(read.dataSet, frame, read.transferSyntaxUid, { acceptUnterminatedEncapsulation: true });
  return toDisplayRgb(decoded, {
    rescaleSlope: geometry?.rescaleSlope ?? 1,
    rescaleIntercept: geometry?.rescaleIntercept ?? 0,
    ...(geometry?.windowCenter !== undefined ? { windowCenter: geometry.windowCenter } : {}),
    ...(geometry?.windowWidth !== undefined ? { windowWidth: geometry.windowWidth } : {}),
    ...(window ? { window } : {}),
    photometric: decoded.photometric,
  });
}
