import { release, samplesFromWasmBuffer, type CodecFrame, type WasmFrameInfo } from './codecFrame';
import { wasmCodec } from './wasmCodec';

interface JpegDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  delete(): void;
}
interface LibJpegTurboModule {
  JPEGDecoder: new () => JpegDecoder;
}

const libjpegTurbo = wasmCodec<LibJpegTurboModule>(
  'JPEG baseline (libjpeg-turbo)',
  '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
);

/**
 * Decodes an 8-bit sequential DCT JPEG (DICOM JPEG Baseline, or Extended with 8-bit precision).
 * libjpeg converts YCbCr to RGB itself (as signalled by JFIF/Adobe markers), so colour comes back RGB.
 */
export function decodeJpegBaseline(frame: Uint8Array): Promise<CodecFrame> {
  return libjpegTurbo.run((m) => {
    const decoder = new m.JPEGDecoder();
    try {
      decoder.getEncodedBuffer(frame.length).set(frame);
      decoder.decode();
      const info = decoder.getFrameInfo();
      // Some failures return an empty image instead of throwing; turn that into an error with the codec's text.
      if (!(info.width > 0 && info.height > 0)) throw new Error('decoder returned an empty image');
      return {
        width: info.width,
        height: info.height,
        components: info.componentCount,
        samples: samplesFromWasmBuffer(decoder.getDecodedBuffer(), info),
        colourTransformed: true,
      };
    } finally {
      release(decoder);
    }
  });
}
