import { release, samplesFromWasmBuffer, type CodecFrame, type WasmFrameInfo } from './codecFrame';
import { planarToInterleaved } from './colour';
import { wasmCodec } from './wasmCodec';

interface JpegLsDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  getInterleaveMode(): number;
  delete(): void;
}
interface CharLsModule {
  JpegLSDecoder: new () => JpegLsDecoder;
}

const charls = wasmCodec<CharLsModule>('JPEG-LS (CharLS)', '@cornerstonejs/codec-charls/decodewasmjs');

/** Decodes a JPEG-LS frame (lossless or near-lossless). JPEG-LS has no colour transform in DICOM. */
export function decodeJpegLs(frame: Uint8Array): Promise<CodecFrame> {
  return charls.run((m) => {
    const decoder = new m.JpegLSDecoder();
    try {
      decoder.getEncodedBuffer(frame.length).set(frame);
      decoder.decode();
      const info = decoder.getFrameInfo();
      // Some failures return an empty image instead of throwing; turn that into an error with the codec's text.
      if (!(info.width > 0 && info.height > 0)) throw new Error('decoder returned an empty image');
      let samples = samplesFromWasmBuffer(decoder.getDecodedBuffer(), info);
      // Interleave mode "none" (0) stores each component as its own scan; CharLS returns them as planes.
      if (info.componentCount > 1 && decoder.getInterleaveMode() === 0) {
        samples = planarToInterleaved(samples, info.componentCount);
      }
      return {
        width: info.width,
        height: info.height,
        components: info.componentCount,
        samples,
        colourTransformed: false,
      };
    } finally {
      release(decoder);
    }
  });
}
