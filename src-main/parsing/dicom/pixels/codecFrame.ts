/** What every codec wrapper in this folder returns for one frame. */
export interface CodecFrame {
  width: number;
  height: number;
  components: number;
  /** Decoded samples, interleaved per pixel (R,G,B,R,G,B… for colour), values in the low bits. */
  samples: ArrayLike<number>;
  /** True when the codec already turned YCbCr into RGB (libjpeg, OpenJPEG/OpenJPH inverse MCT). */
  colourTransformed: boolean;
}

/** Frame description the cornerstone WASM codecs report through getFrameInfo(). */
export interface WasmFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}

/**
 * Copies a codec's decoded byte buffer (a view into WASM memory that the next decode overwrites) into
 * a typed array of the codec's sample width.
 */
export function samplesFromWasmBuffer(bytes: Uint8Array, info: WasmFrameInfo): ArrayLike<number> {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  if (info.bitsPerSample <= 8) return info.isSigned ? new Int8Array(copy.buffer) : copy;
  return info.isSigned
    ? new Int16Array(copy.buffer, 0, copy.length >> 1)
    : new Uint16Array(copy.buffer, 0, copy.length >> 1);
}

/** Frees a WASM-side object; after an abort the module is discarded anyway, so a failing delete is moot. */
export function release(wasmObject: { delete(): void }): void {
  try {
    wasmObject.delete();
  } catch {
    // The module instance is being dropped (see wasmCodec.run); nothing left to free.
  }
}

/** The decoder object shape shared by cornerstone's WASM codecs (libjpeg-turbo, CharLS, OpenJPEG, OpenJPH). */
export interface WasmImageDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  delete(): void;
}

/**
 * Runs one decode on a fresh codec object: copy the codestream in, decode, copy the samples out, free.
 * `finish` may post-process the samples with the decoder still alive (CharLS reports its interleave mode).
 */
export function decodeWith<D extends WasmImageDecoder>(
  decoder: D,
  frame: Uint8Array,
  colourTransformed: boolean,
  finish: (samples: ArrayLike<number>, info: WasmFrameInfo, decoder: D) => ArrayLike<number> = (samples) => samples,
): CodecFrame {
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
      samples: finish(samplesFromWasmBuffer(decoder.getDecodedBuffer(), info), info, decoder),
      colourTransformed,
    };
  } finally {
    release(decoder);
  }
}
