import { release, samplesFromWasmBuffer, type CodecFrame, type WasmFrameInfo } from './codecFrame';
import { wasmCodec } from './wasmCodec';

interface Htj2kDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  delete(): void;
}
interface OpenJphModule {
  HTJ2KDecoder: new () => Htj2kDecoder;
}

const openjph = wasmCodec<OpenJphModule>('HTJ2K (OpenJPH)', '@cornerstonejs/codec-openjph/wasmjs');

/** Decodes a High-Throughput JPEG 2000 codestream; OpenJPH applies the codestream's inverse colour transform. */
export function decodeHtj2k(frame: Uint8Array): Promise<CodecFrame> {
  return openjph.run((m) => {
    const decoder = new m.HTJ2KDecoder();
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
