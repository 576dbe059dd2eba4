import { lazyRequire } from '../../lazyRequire';
import type { CodecFrame } from './codecFrame';

// Loaded with the first JPEG Lossless frame, not at worker start (see lazyRequire).
const losslessDecoder = lazyRequire<typeof import('jpeg-lossless-decoder-js')>('jpeg-lossless-decoder-js');

/**
 * Decodes a JPEG Lossless (process 14, any selection value) frame with jpeg-lossless-decoder-js.
 * The decoder is pure JS and keeps per-call state, so a fresh instance is used per frame.
 */
export function decodeJpegLossless(frame: Uint8Array, bytesPerSample: 1 | 2): CodecFrame {
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
  return { width, height, components, samples, colourTransformed: false };
}
