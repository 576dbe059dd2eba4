// jpeg-lossless-decoder-js 2.1.2 names release/lossless.d.ts in its package.json but does not ship it;
// this declares the small part of its API that jpegLosslessDecoder.ts uses.
declare module 'jpeg-lossless-decoder-js' {
  export class Decoder {
    constructor(buffer?: ArrayBuffer | null, numBytes?: number);
    frame: { dimX: number; dimY: number; numComp: number; precision: number };
    /** Decodes a whole JPEG Lossless codestream; 8-bit (RGB interleaved) or 16-bit samples. */
    decode(buffer: ArrayBuffer, offset: number, length: number, numBytes?: number): Uint8Array | Uint16Array;
  }
}
