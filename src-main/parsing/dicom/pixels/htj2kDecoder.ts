import { decodeWith, type CodecFrame, type WasmImageDecoder } from './codecFrame';
import { wasmCodec } from './wasmCodec';

interface OpenJphModule {
  HTJ2KDecoder: new () => WasmImageDecoder;
}

const openjph = wasmCodec<OpenJphModule>('HTJ2K (OpenJPH)', '@cornerstonejs/codec-openjph/wasmjs');

/** Decodes a High-Throughput JPEG 2000 codestream; OpenJPH applies the codestream's inverse colour transform. */
export function decodeHtj2k(frame: Uint8Array): Promise<CodecFrame> {
  return openjph.run((m) => decodeWith(new m.HTJ2KDecoder(), frame, true));
}
