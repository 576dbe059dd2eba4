import type { DataSet } from 'dicom-parser';
import type { ImageGeometry, PixelStatus } from '../types';
import { TAG } from './dicomTags';
import { decodeFrame } from './pixels/decodeFrame';
import { isEncapsulated } from './transferSyntax';

/**
 * Decodes every frame once at import so a damaged object is reported now, not when a clinician opens it.
 * Nothing is kept: viewers re-read the stored file. `pixelDataDamage` comes from the reader (truncated file,
 * broken fragment list) and short-circuits decoding.
 */
export async function verifyPixels(
  dataSet: DataSet,
  transferSyntaxUid: string,
  geometry: ImageGeometry | undefined,
  pixelDataDamage: string | undefined,
): Promise<PixelStatus> {
  const pixelElement =
    dataSet.elements[TAG.pixelData] ?? dataSet.elements[TAG.floatPixelData] ?? dataSet.elements[TAG.doubleFloatPixelData];
  if (!pixelElement) return { state: 'none' };
  if (pixelDataDamage) return { state: 'undecodable', reason: pixelDataDamage };
  if (!geometry) return { state: 'undecodable', reason: 'Pixel Data present but Rows, Columns or Bits Allocated missing' };

  if (!pixelElement.encapsulatedPixelData && !isEncapsulated(transferSyntaxUid)) {
    const expected = nativeFrameBytes(geometry) * geometry.frames;
    if (pixelElement.length < expected) {
      return {
        state: 'undecodable',
        reason: `Pixel Data holds ${pixelElement.length} bytes, ${expected} needed for ${geometry.frames} frame(s) of ${geometry.rows}×${geometry.columns}`,
      };
    }
    // Native pixels cannot fail to decode once their length is right, so only the first frame is decoded
    // (it proves the pixel module is consistent); decoding every frame would only cost import time.
    return decodeFrames(dataSet, transferSyntaxUid, geometry, 1);
  }
  return decodeFrames(dataSet, transferSyntaxUid, geometry, geometry.frames);
}

async function decodeFrames(
  dataSet: DataSet,
  transferSyntaxUid: string,
  geometry: ImageGeometry,
  count: number,
): Promise<PixelStatus> {
  for (let frame = 0; frame < count; frame++) {
    const where = `frame ${frame + 1} of ${geometry.frames}`;
    try {
      // Tolerant like DCMTK: a missing sequence delimiter after the last fragment is accepted (the reader
      // warns about it) as long as each frame's own codestream is complete.
      const decoded = await decodeFrame(dataSet, frame, transferSyntaxUid, { acceptUnterminatedEncapsulation: true });
      if (decoded.rows !== geometry.rows || decoded.columns !== geometry.columns) {
        return {
          state: 'undecodable',
          reason: `${where} decoded to ${decoded.columns}×${decoded.rows} but the header says ${geometry.columns}×${geometry.rows}`,
        };
      }
    } catch (err) {
      return { state: 'undecodable', reason: `${where} could not be decoded: ${errorText(err)}` };
    }
  }
  return { state: 'ok' };
}

/** Bytes of one native frame; 4:2:2 YBR stores two samples per pixel, 1-bit data is packed. */
function nativeFrameBytes(g: ImageGeometry): number {
  const samples = g.photometricInterpretation?.endsWith('_422') ? 2 : g.samplesPerPixel;
  return Math.ceil((g.rows * g.columns * samples * g.bitsAllocated) / 8);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
