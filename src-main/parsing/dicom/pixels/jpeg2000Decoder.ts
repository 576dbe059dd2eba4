import { decodeWith, type CodecFrame, type WasmImageDecoder } from './codecFrame';
import { wasmCodec } from './wasmCodec';

interface OpenJpegModule {
  J2KDecoder: new () => WasmImageDecoder;
}

const openjpeg = wasmCodec<OpenJpegModule>('JPEG 2000 (OpenJPEG)', '@cornerstonejs/codec-openjpeg/decodewasmjs');

/**
 * Decodes a JPEG 2000 codestream (lossless or lossy). OpenJPEG applies the inverse component transform
 * (RCT/ICT) signalled in the codestream, so YBR_RCT/YBR_ICT data comes back RGB.
 */
export function decodeJpeg2000(frame: Uint8Array): Promise<CodecFrame> {
  return openjpeg.run((m) => decodeWith(new m.J2KDecoder(), frame, true));
}
