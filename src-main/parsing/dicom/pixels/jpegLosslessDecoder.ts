import { lazyRequire } from '../../lazyRequire';
import type { CodecFrame } from './codecFrame';
import { walkJpegLossless } from './jpegLosslessWalk';

// Loaded with the first JPEG Lossless frame, not at worker start (see lazyRequire).
const losslessDecoder = lazyRequire<typeof import('jpeg-lossless-decoder-js')>('jpeg-lossless-decoder-js');

/**
 * Decodes a JPEG Lossless (process 14, any selection value) frame with jpeg-lossless-decoder-js, after
 * walkJpegLossless has proven its structure: the library returns wrong pixels for a damaged frame without
 * an error, so the walk is what refuses one (and what import runs instead of a decode, see checkFrame).
 * The decoder is pure JS and keeps per-call state, so a fresh instance is used per frame.
 */
export function decodeJpegLossless(frame: Uint8Array, bytesPerSample: 1 | 2): CodecFrame {
  const walked = walkJpegLossless(frame);
  const decoder = new (losslessDecoder().Decoder)();
  let samples: Uint8Array | Uint16Array;
  try {
    // The decoder reads through a DataView over the whole buffer, so hand it an exact-size copy.
    const copy = frame.slice();
    samples = decoder.decode(copy.buffer, 0, copy.length, bytesPerSample);
  } catch (e) {
    throw new Error(`JPEG Lossless could not decode the frame: ${e instanceof Error ? e.message : String(e)}`);
  }
  const width = decoder.frame.dimX;
  const height = decoder.frame.dimY;
  const components = decoder.frame.numComp;
  if (width !== walked.width || height !== walked.height || components !== walked.components) {
    throw new Error(`JPEG Lossless decoder read a ${width}x${height}x${components} frame where the codestream declares ${walked.width}x${walked.height}x${walked.components}`);
  }
  return { width, height, components, samples, colourTransformed: false };
}
