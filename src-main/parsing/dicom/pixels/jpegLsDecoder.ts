import { decodeWith, type CodecFrame, type WasmImageDecoder } from './codecFrame';
import { planarToInterleaved } from './colour';
import { wasmCodec } from './wasmCodec';

interface JpegLsDecoder extends WasmImageDecoder {
  getInterleaveMode(): number;
}
interface CharLsModule {
  JpegLSDecoder: new () => JpegLsDecoder;
}

const charls = wasmCodec<CharLsModule>('JPEG-LS (CharLS)', '@cornerstonejs/codec-charls/decodewasmjs');

/** Decodes a JPEG-LS frame (lossless or near-lossless). JPEG-LS has no colour transform in DICOM. */
export function decodeJpegLs(frame: Uint8Array): Promise<CodecFrame> {
  return charls.run((m) =>
    decodeWith(new m.JpegLSDecoder(), frame, false, (samples, info, decoder) =>
      // Interleave mode "none" (0) stores each component as its own scan; CharLS returns them as planes.
      info.componentCount > 1 && decoder.getInterleaveMode() === 0 ? planarToInterleaved(samples, info.componentCount) : samples,
    ),
  );
}
