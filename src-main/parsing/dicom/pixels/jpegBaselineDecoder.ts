import { decodeWith, type CodecFrame, type WasmImageDecoder } from './codecFrame';
import { wasmCodec } from './wasmCodec';

interface LibJpegTurboModule {
  JPEGDecoder: new () => WasmImageDecoder;
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
  return libjpegTurbo.run((m) => decodeWith(new m.JPEGDecoder(), frame, true));
}
