import { release, samplesFromWasmBuffer, type CodecFrame, type WasmFrameInfo } from './codecFrame';
import { wasmCodec } from './wasmCodec';

interface J2kDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  delete(): void;
}
interface OpenJpegModule {
  J2KDecoder: new () => J2kDecoder;
}

const openjpeg = wasmCodec<OpenJpegModule>('JPEG 2000 (OpenJPEG)', '@cornerstonejs/codec-openjpeg/decodewasmjs');

/**
 * Decodes a JPEG 2000 codestream (lossless or lossy). OpenJPEG applies the inverse component transform
 * (RCT/ICT) signalled in the codestream, so YBR_RCT/YBR_ICT data comes back RGB.
 */
export function decodeJpeg2000(frame: Uint8Array): Promise<CodecFrame> {
  return openjpeg.run((m) => {
    const decoder = new m.J2KDecoder();
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
