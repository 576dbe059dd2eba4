import type { CodecFrame } from './codecFrame';

/*
 * Sequential-DCT Huffman JPEG decoder (ITU-T T.81 processes 1, 2 and 4: SOF0/SOF1, 8- or 12-bit), written
 * for DICOM JPEG Extended (1.2.840.10008.1.2.4.51). libjpeg-turbo's 8-bit build cannot decode 12-bit
 * precision, and no maintained npm package exposes a 12-bit decoder: @cornerstonejs/dicom-image-loader keeps
 * its pdf.js-derived one out of its public exports and pulls @cornerstonejs/core in as a peer. 8-bit frames
 * still go to libjpeg-turbo; this decoder is only used for 12-bit precision.
 */

const ZIGZAG = new Uint8Array([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
  28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54,
  47, 55, 62, 63,
]);

/** IDCT basis: COS[x * 8 + u] = C(u)/2 · cos((2x+1)uπ/16). */
const COS = new Float64Array(64);
for (let x = 0; x < 8; x++) {
  for (let u = 0; u < 8; u++) COS[x * 8 + u] = (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
}

interface HuffmanTable {
  maxCode: Int32Array; // per code length 1..16, largest code of that length (−1: none)
  valPtr: Int32Array;
  minCode: Int32Array;
  values: Uint8Array;
}

interface Component {
  id: number;
  h: number;
  v: number;
  quantTable: number;
  blocksPerLine: number; // padded to whole MCUs
  blocksPerColumn: number;
  coefficients: Int32Array; // dequantised, natural order, 64 per block
  pred: number;
  dcTable?: HuffmanTable;
  acTable?: HuffmanTable;
}

interface FrameHeader {
  precision: number;
  width: number;
  height: number;
  components: Component[];
  hMax: number;
  vMax: number;
  mcusPerLine: number;
  mcusPerColumn: number;
}

class JpegError extends Error {
  constructor(message: string) {
    super(`JPEG Extended: ${message}`);
  }
}

/** Precision (8, 12, 16) declared by the first SOFn marker, or undefined when there is none. */
export function jpegSamplePrecision(data: Uint8Array): number | undefined {
  let p = 2;
  while (p + 4 < data.length) {
    if (data[p] !== 0xff) return undefined;
    const marker = data[p + 1] as number;
    if (marker === 0xff) {
      p++;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return data[p + 4];
    p += 2 + (((data[p + 2] as number) << 8) | (data[p + 3] as number));
  }
  return undefined;
}

/** Decodes a baseline/extended sequential JPEG to interleaved samples (YCbCr is left untransformed). */
export function decodeJpegExtended(data: Uint8Array): CodecFrame {
  return assemble(readCoefficients(data));
}

/**
 * Throws exactly when decodeJpegExtended would, and returns the size it would give, without the inverse
 * DCT: every refusal is met while reading the markers and the entropy-coded data, and the IDCT, level
 * shift and upsampling that follow cannot fail (they run on arrays sized by the frame header). Import
 * uses this to prove a 12-bit JPEG frame: 2.8 ms instead of 18.8 ms for a 512×512 frame (warm JIT).
 */
export function checkJpegExtended(data: Uint8Array): { width: number; height: number; components: number } {
  const frame = readCoefficients(data);
  return { width: frame.width, height: frame.height, components: frame.components.length };
}

/** Reads the markers and decodes every scan's coefficients (dequantised) into the frame's components. */
function readCoefficients(data: Uint8Array): FrameHeader {
  if (data[0] !== 0xff || data[1] !== 0xd8) throw new JpegError('no SOI marker at the start of the frame');
  const quant: (Int32Array | undefined)[] = [];
  const dcTables: (HuffmanTable | undefined)[] = [];
  const acTables: (HuffmanTable | undefined)[] = [];
  let frame: FrameHeader | undefined;
  let restartInterval = 0;
  let scans = 0;
  let p = 2;

  const u16 = (at: number): number => {
    if (at + 1 >= data.length) throw new JpegError('codestream ended inside a marker segment');
    return ((data[at] as number) << 8) | (data[at + 1] as number);
  };

  for (;;) {
    if (p + 1 >= data.length) throw new JpegError('codestream ended before the EOI marker');
    if (data[p] !== 0xff) throw new JpegError(`expected a marker at byte ${p}, found 0x${(data[p] as number).toString(16)}`);
    const marker = data[p + 1] as number;
    if (marker === 0xff) {
      p++; // fill byte
      continue;
    }
    p += 2;
    if (marker === 0xd9) break; // EOI
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no segment follows
    const length = u16(p);
    const end = p + length;
    if (length < 2 || end > data.length) throw new JpegError(`marker 0xFF${marker.toString(16)} segment overruns the codestream`);

    if (marker === 0xc0 || marker === 0xc1) {
      frame = readFrameHeader(data, p + 2, end);
    } else if (marker >= 0xc2 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      throw new JpegError(`SOF marker 0xFF${marker.toString(16).toUpperCase()} (progressive, lossless, hierarchical or arithmetic) is not supported`);
    } else if (marker === 0xc4) {
      readHuffmanTables(data, p + 2, end, dcTables, acTables);
    } else if (marker === 0xdb) {
      readQuantTables(data, p + 2, end, quant);
    } else if (marker === 0xdd) {
      restartInterval = u16(p + 2);
    } else if (marker === 0xdc) {
      throw new JpegError('DNL marker (height defined after the scan) is not supported');
    } else if (marker === 0xda) {
      if (!frame) throw new JpegError('scan before the frame header');
      p = decodeScan(data, p + 2, end, frame, quant, dcTables, acTables, restartInterval);
      scans++;
      continue;
    }
    p = end; // APPn, COM and others are skipped
  }
  if (!frame || scans === 0) throw new JpegError('codestream holds no frame or no scan');
  return frame;
}

function readFrameHeader(data: Uint8Array, p: number, end: number): FrameHeader {
  const precision = data[p] as number;
  if (precision !== 8 && precision !== 12) throw new JpegError(`sample precision ${precision} is not 8 or 12`);
  const height = ((data[p + 1] as number) << 8) | (data[p + 2] as number);
  const width = ((data[p + 3] as number) << 8) | (data[p + 4] as number);
  const count = data[p + 5] as number;
  if (width === 0 || height === 0) throw new JpegError(`frame size ${width}x${height} is not supported`);
  if (count < 1 || count > 4 || p + 6 + count * 3 > end) throw new JpegError(`frame header declares ${count} components`);
  const components: Component[] = [];
  for (let i = 0; i < count; i++) {
    const q = p + 6 + i * 3;
    const hv = data[q + 1] as number;
    const h = hv >> 4;
    const v = hv & 15;
    if (h < 1 || h > 4 || v < 1 || v > 4) throw new JpegError(`component ${i} has invalid sampling factors ${h}x${v}`);
    components.push({ id: data[q] as number, h, v, quantTable: (data[q + 2] as number) & 3, blocksPerLine: 0, blocksPerColumn: 0, coefficients: new Int32Array(0), pred: 0 });
  }
  const hMax = Math.max(...components.map((c) => c.h));
  const vMax = Math.max(...components.map((c) => c.v));
  const mcusPerLine = Math.ceil(width / (8 * hMax));
  const mcusPerColumn = Math.ceil(height / (8 * vMax));
  for (const c of components) {
    c.blocksPerLine = mcusPerLine * c.h;
    c.blocksPerColumn = mcusPerColumn * c.v;
    c.coefficients = new Int32Array(c.blocksPerLine * c.blocksPerColumn * 64);
  }
  return { precision, width, height, components, hMax, vMax, mcusPerLine, mcusPerColumn };
}

function readQuantTables(data: Uint8Array, p: number, end: number, quant: (Int32Array | undefined)[]): void {
  while (p < end) {
    const pq = (data[p] as number) >> 4;
    const tq = (data[p] as number) & 15;
    if (tq > 3) throw new JpegError(`quantisation table id ${tq} is out of range`);
    p++;
    const table = new Int32Array(64);
    for (let k = 0; k < 64; k++) {
      // Tables are stored in zigzag order; keep them in natural order like the coefficients.
      table[ZIGZAG[k] as number] = pq === 0 ? (data[p + k] as number) : ((data[p + 2 * k] as number) << 8) | (data[p + 2 * k + 1] as number);
    }
    p += pq === 0 ? 64 : 128;
    if (p > end) throw new JpegError('quantisation table overruns its segment');
    quant[tq] = table;
  }
}

function readHuffmanTables(
  data: Uint8Array,
  p: number,
  end: number,
  dcTables: (HuffmanTable | undefined)[],
  acTables: (HuffmanTable | undefined)[],
): void {
  while (p < end) {
    const tc = (data[p] as number) >> 4;
    const th = (data[p] as number) & 15;
    if (th > 3 || tc > 1) throw new JpegError(`Huffman table class ${tc} id ${th} is out of range`);
    const counts = data.subarray(p + 1, p + 17);
    let total = 0;
    for (const n of counts) total += n;
    if (p + 17 + total > end || total > 256) throw new JpegError('Huffman table overruns its segment');
    const values = data.slice(p + 17, p + 17 + total);
    p += 17 + total;
    // Canonical code assignment (T.81 Annex C) and the decoding tables of F.2.2.3.
    const maxCode = new Int32Array(18).fill(-1);
    const valPtr = new Int32Array(17);
    const minCode = new Int32Array(17);
    let code = 0;
    let k = 0;
    for (let l = 1; l <= 16; l++) {
      const n = counts[l - 1] as number;
      if (n > 0) {
        valPtr[l] = k;
        minCode[l] = code;
        code += n;
        k += n;
        maxCode[l] = code - 1;
      }
      code <<= 1;
    }
    (tc === 0 ? dcTables : acTables)[th] = { maxCode, valPtr, minCode, values };
  }
}

/** Decodes one scan into the components' coefficient arrays; returns the position of the next marker. */
function decodeScan(
  data: Uint8Array,
  p: number,
  headerEnd: number,
  frame: FrameHeader,
  quant: (Int32Array | undefined)[],
  dcTables: (HuffmanTable | undefined)[],
  acTables: (HuffmanTable | undefined)[],
  restartInterval: number,
): number {
  const ns = data[p] as number;
  if (ns < 1 || ns > 4 || p + 1 + ns * 2 + 3 > headerEnd) throw new JpegError(`scan header declares ${ns} components`);
  const scanComponents: Component[] = [];
  for (let i = 0; i < ns; i++) {
    const id = data[p + 1 + i * 2] as number;
    const tables = data[p + 2 + i * 2] as number;
    const c = frame.components.find((x) => x.id === id);
    if (!c) throw new JpegError(`scan refers to unknown component ${id}`);
    c.dcTable = dcTables[tables >> 4];
    c.acTable = acTables[tables & 15];
    if (!c.dcTable || !c.acTable) throw new JpegError(`scan refers to an undefined Huffman table for component ${id}`);
    if (!quant[c.quantTable]) throw new JpegError(`component ${id} refers to undefined quantisation table ${c.quantTable}`);
    c.pred = 0;
    scanComponents.push(c);
  }
  const q = p + 1 + ns * 2;
  if (data[q] !== 0 || data[q + 1] !== 63 || data[q + 2] !== 0) {
    throw new JpegError('scan uses spectral selection or successive approximation (progressive), not supported');
  }

  const reader = new BitReader(data, headerEnd);
  const single = scanComponents.length === 1;
  const first = scanComponents[0] as Component;
  // A single-component scan codes only the blocks that cover the image, one block per MCU (T.81 A.2.2).
  const blocksWide = single ? Math.ceil(Math.ceil((frame.width * first.h) / frame.hMax) / 8) : frame.mcusPerLine;
  const blocksHigh = single ? Math.ceil(Math.ceil((frame.height * first.v) / frame.vMax) / 8) : frame.mcusPerColumn;
  const totalMcus = blocksWide * blocksHigh;

  for (let mcu = 0; mcu < totalMcus; mcu++) {
    if (restartInterval > 0 && mcu > 0 && mcu % restartInterval === 0) {
      reader.restart();
      for (const c of scanComponents) c.pred = 0;
    }
    const mcuRow = Math.floor(mcu / blocksWide);
    const mcuCol = mcu % blocksWide;
    if (single) {
      decodeBlock(reader, first, quant[first.quantTable] as Int32Array, mcuRow, mcuCol);
    } else {
      for (const c of scanComponents) {
        const qt = quant[c.quantTable] as Int32Array;
        for (let v = 0; v < c.v; v++) {
          for (let h = 0; h < c.h; h++) decodeBlock(reader, c, qt, mcuRow * c.v + v, mcuCol * c.h + h);
        }
      }
    }
  }
  return reader.nextMarker();
}

function decodeBlock(reader: BitReader, c: Component, qt: Int32Array, blockRow: number, blockCol: number): void {
  const base = (blockRow * c.blocksPerLine + blockCol) * 64;
  const out = c.coefficients;
  const t = reader.decodeHuffman(c.dcTable as HuffmanTable);
  c.pred += t === 0 ? 0 : reader.receiveExtend(t);
  out[base] = c.pred * (qt[0] as number);
  const ac = c.acTable as HuffmanTable;
  for (let k = 1; k < 64; ) {
    const rs = reader.decodeHuffman(ac);
    const r = rs >> 4;
    const s = rs & 15;
    if (s === 0) {
      if (r !== 15) break; // end of block
      k += 16;
      continue;
    }
    k += r;
    if (k > 63) throw new JpegError('AC coefficient run goes past the end of a block');
    const z = ZIGZAG[k] as number;
    out[base + z] = reader.receiveExtend(s) * (qt[z] as number);
    k++;
  }
}

class BitReader {
  private buffer = 0;
  private bits = 0;
  private hitMarker = false;
  constructor(
    private readonly data: Uint8Array,
    private pos: number,
  ) {}

  private fill(): void {
    if (this.pos >= this.data.length) throw new JpegError('codestream ended inside the entropy-coded data');
    const b = this.data[this.pos] as number;
    if (b === 0xff && !this.hitMarker) {
      const next = this.data[this.pos + 1];
      if (next === 0x00) {
        this.pos += 2; // stuffed 0xFF data byte
      } else {
        // A marker inside the data: the scan is short. T.81 decoders pad with zero bits; the MCU count
        // still bounds the work, so a damaged stream cannot loop forever.
        this.hitMarker = true;
      }
    } else if (!this.hitMarker) {
      this.pos++;
    }
    this.buffer = this.hitMarker ? 0 : b;
    this.bits = 8;
  }

  bit(): number {
    if (this.bits === 0) this.fill();
    this.bits--;
    return (this.buffer >> this.bits) & 1;
  }

  receiveExtend(s: number): number {
    let v = 0;
    for (let i = 0; i < s; i++) v = (v << 1) | this.bit();
    return v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
  }

  decodeHuffman(t: HuffmanTable): number {
    let code = 0;
    for (let l = 1; l <= 16; l++) {
      code = (code << 1) | this.bit();
      if (code <= (t.maxCode[l] as number)) return t.values[(t.valPtr[l] as number) + code - (t.minCode[l] as number)] as number;
    }
    throw new JpegError('invalid Huffman code in the entropy-coded data');
  }

  /** Skips to the next RSTn marker after a restart interval and resets the bit buffer. */
  restart(): void {
    this.bits = 0;
    this.hitMarker = false;
    while (this.pos + 1 < this.data.length && !(this.data[this.pos] === 0xff && (this.data[this.pos + 1] as number) >= 0xd0 && (this.data[this.pos + 1] as number) <= 0xd7)) {
      this.pos++;
    }
    if (this.pos + 1 >= this.data.length) throw new JpegError('restart marker missing');
    this.pos += 2;
  }

  /** Position of the marker that ends the scan (skipping any padding bits/bytes). */
  nextMarker(): number {
    while (this.pos + 1 < this.data.length && !(this.data[this.pos] === 0xff && this.data[this.pos + 1] !== 0x00)) this.pos++;
    return this.pos;
  }
}

/** Inverse DCT of every block, level shift and clamp, then upsample to full size and interleave. */
function assemble(frame: FrameHeader): CodecFrame {
  const { width, height, precision, components } = frame;
  const shift = 1 << (precision - 1);
  const max = (1 << precision) - 1;
  const planes = components.map((c) => {
    const planeWidth = c.blocksPerLine * 8;
    const plane = new Uint16Array(planeWidth * c.blocksPerColumn * 8);
    const tmp = new Float64Array(64);
    // Indices of the non-zero coefficients of each row, and of the rows that have any.
    const nonZeroU = new Int32Array(8);
    const nonZeroV = new Int32Array(8);
    const coefficients = c.coefficients;
    for (let br = 0; br < c.blocksPerColumn; br++) {
      for (let bc = 0; bc < c.blocksPerLine; bc++) {
        const base = (br * c.blocksPerLine + bc) * 64;
        // Rows: tmp[v][x] = Σu COS[x][u]·F[v][u]; then columns. Zero coefficients (most of the high
        // frequencies of a lossy block) add nothing, so both passes visit only the non-zero ones in the same
        // ascending order: the same floating-point sums as the full 8×8 loops, bit for bit (the partial
        // sums start at +0 and a product with a zero factor only ever adds ±0, which leaves them unchanged).
        let rowCount = 0;
        for (let v = 0; v < 8; v++) {
          const at = base + v * 8;
          let count = 0;
          for (let u = 0; u < 8; u++) if ((coefficients[at + u] as number) !== 0) nonZeroU[count++] = u;
          if (count === 0) continue;
          nonZeroV[rowCount++] = v;
          for (let x = 0; x < 8; x++) {
            let sum = 0;
            for (let k = 0; k < count; k++) {
              const u = nonZeroU[k] as number;
              sum += (COS[x * 8 + u] as number) * (coefficients[at + u] as number);
            }
            tmp[v * 8 + x] = sum;
          }
        }
        for (let y = 0; y < 8; y++) {
          const row = (br * 8 + y) * planeWidth + bc * 8;
          for (let x = 0; x < 8; x++) {
            let sum = 0;
            for (let k = 0; k < rowCount; k++) {
              const v = nonZeroV[k] as number;
              sum += (COS[y * 8 + v] as number) * (tmp[v * 8 + x] as number);
            }
            const s = Math.round(sum) + shift;
            plane[row + x] = s < 0 ? 0 : s > max ? max : s;
          }
        }
      }
    }
    return { plane, planeWidth, c };
  });

  const n = components.length;
  const samples = precision === 8 ? new Uint8Array(width * height * n) : new Uint16Array(width * height * n);
  planes.forEach(({ plane, planeWidth, c }, ci) => {
    if (n === 1 && c.h === frame.hMax && c.v === frame.vMax) {
      // Grey at full resolution (CT, MR): copy rows instead of indexing every sample.
      for (let y = 0; y < height; y++) samples.set(plane.subarray(y * planeWidth, y * planeWidth + width), y * width);
      return;
    }
    for (let y = 0; y < height; y++) {
      // Subsampled components are replicated to full resolution.
      const sy = Math.floor((y * c.v) / frame.vMax);
      for (let x = 0; x < width; x++) {
        const sx = Math.floor((x * c.h) / frame.hMax);
        samples[(y * width + x) * n + ci] = plane[sy * planeWidth + sx] as number;
      }
    }
  });
  return { width, height, components: n, samples, colourTransformed: false };
}
