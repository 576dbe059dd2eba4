/**
 * A minimal JPEG Lossless encoder (T.81 process 14, predictor 1, Huffman), written for the tests from the
 * standard, independently of the walk it tests: the tests first prove its output with
 * jpeg-lossless-decoder-js (it must decode back to the same samples), then damage it in known ways.
 *
 * Huffman table: the 17 difference categories get the 5-bit codes 0–16 (canonical order), so any code
 * from 17 to 31 is undefined — which the tests use to write an invalid code.
 */

export interface EncodeOptions {
  width: number;
  height: number;
  /** 1 (grey) or 3 (interleaved RGB). */
  components: 1 | 3;
  precision: number;
  /** Samples, interleaved by component, row by row. */
  samples: ArrayLike<number>;
  /** MCUs (pixels) per restart interval; a multiple of the width keeps prediction simple. 0: none. */
  restartInterval?: number;
  /** Emits the frame header with this SOF marker (0xC3 for lossless). */
  sofMarker?: number;
}

export const CODE_BITS = 5;

class BitWriter {
  readonly bytes: number[] = [];
  private acc = 0;
  private count = 0;

  write(value: number, bits: number): void {
    for (let i = bits - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      this.count++;
      if (this.count === 8) this.flushByte();
    }
  }

  /** Pads the last byte with 1-bits (T.81 F.1.2.3). */
  align(): void {
    while (this.count !== 0) this.write(1, 1);
  }

  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0x00); // byte stuffing
    this.acc = 0;
    this.count = 0;
  }
}

function segment(marker: number, body: number[]): number[] {
  const length = body.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...body];
}

/** The codestream split at its parts, so a test can damage one and join them again. */
export interface EncodedParts {
  header: number[];
  /** Entropy-coded data of each restart interval (byte-stuffed, padded); RST markers go between them. */
  intervals: number[][];
  trailer: number[];
}

export function encodeLosslessParts(opts: EncodeOptions): EncodedParts {
  const { width, height, components, precision, samples } = opts;
  const restart = opts.restartInterval ?? 0;
  if (restart % width !== 0) throw new Error('this encoder restarts at whole rows only');
  const ids = components === 1 ? [1] : [1, 2, 3];
  const header: number[] = [0xff, 0xd8];
  header.push(...segment(opts.sofMarker ?? 0xc3, [precision, height >> 8, height & 0xff, width >> 8, width & 0xff, components, ...ids.flatMap((id) => [id, 0x11, 0])]));
  const counts = new Array<number>(16).fill(0);
  counts[CODE_BITS - 1] = 17;
  header.push(...segment(0xc4, [0x00, ...counts, ...Array.from({ length: 17 }, (_, i) => i)]));
  if (restart > 0) header.push(...segment(0xdd, [restart >> 8, restart & 0xff]));
  header.push(...segment(0xda, [components, ...ids.flatMap((id) => [id, 0x00]), 1, 0, 0]));

  const intervals: number[][] = [];
  let writer = new BitWriter();
  const at = (x: number, y: number, c: number): number => samples[(y * width + x) * components + c] as number;
  const modulus = 2 ** 16;
  for (let mcu = 0; mcu < width * height; mcu++) {
    if (restart > 0 && mcu > 0 && mcu % restart === 0) {
      writer.align();
      intervals.push(writer.bytes);
      writer = new BitWriter();
    }
    const x = mcu % width;
    const y = Math.floor(mcu / width);
    const firstRowOfInterval = restart > 0 ? (y * width) % restart === 0 : y === 0;
    for (let c = 0; c < components; c++) {
      // Predictor 1 (H.1.2.1): the left neighbour; the first sample of a line uses the one above, and the
      // first sample of the image or of a restart interval uses 2^(P−1).
      let prediction: number;
      if (x === 0 && firstRowOfInterval) prediction = 1 << (precision - 1);
      else if (x === 0) prediction = at(0, y - 1, c);
      else prediction = at(x - 1, y, c);
      let diff = (at(x, y, c) - prediction) % modulus;
      if (diff >= 32768) diff -= modulus;
      if (diff < -32768) diff += modulus;
      const category = diff === 0 ? 0 : diff === -32768 ? 16 : 32 - Math.clz32(Math.abs(diff));
      writer.write(category, CODE_BITS);
      if (category > 0 && category < 16) writer.write(diff < 0 ? diff + (1 << category) - 1 : diff, category);
    }
  }
  writer.align();
  intervals.push(writer.bytes);
  return { header, intervals, trailer: [0xff, 0xd9] };
}

/** Joins the parts with RST0, RST1, … between the intervals. */
export function joinParts(parts: EncodedParts, restartMarker = (i: number) => 0xd0 + (i % 8)): Uint8Array {
  const out: number[] = [...parts.header];
  parts.intervals.forEach((bytes, i) => {
    if (i > 0) out.push(0xff, restartMarker(i - 1));
    out.push(...bytes);
  });
  out.push(...parts.trailer);
  return Uint8Array.from(out);
}

export function encodeLossless(opts: EncodeOptions): Uint8Array {
  return joinParts(encodeLosslessParts(opts));
}
