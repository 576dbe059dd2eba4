/*
 * A strict structural walk of a JPEG Lossless codestream (ITU-T T.81 process 14: SOF3, Huffman coded),
 * the form DICOM's JPEG Lossless transfer syntaxes (1.2.840.10008.1.2.4.57 and .70) carry.
 *
 * Why it exists: jpeg-lossless-decoder-js, which decodes these frames, is lenient. Given a damaged frame it
 * returns wrong pixels without an error (measured: it accepted 127 of 128 copies of a CT frame with one
 * byte overwritten, and every truncated copy that still ended in FF D9), so decoding frame 1 at import
 * proved almost nothing, at ≈ 15 ms per 512×512 frame. This walk reads every Huffman code and every
 * difference's extra bits of the one scan, checks each restart marker's number and place, and insists
 * that the coded data ends exactly where the frame's last sample does — the points where a damaged stream
 * loses step. It writes no pixels, so it costs a fraction of a decode.
 *
 * decodeFrame runs it before the library decode, and checkFrame runs it instead of one, so the viewer and
 * the import refuse the same frames with the same reason. It accepts what the library decodes correctly:
 * one scan holding every component (1 or 3), sampling 1×1, predictors 1–7, any point transform.
 * Corrupted difference bits that keep the code in step cannot be found by any reader (JPEG has no
 * checksum); they change pixel values only.
 */

export interface LosslessFrameInfo {
  width: number;
  height: number;
  components: number;
  precision: number;
}

class LosslessError extends Error {
  constructor(message: string) {
    super(`JPEG Lossless: ${message}`);
  }
}

/** Code lengths up to this many bits are found with one table look-up; longer ones by canonical search. */
const LOOKUP_BITS = 9;

interface HuffmanTable {
  /** Entry for each LOOKUP_BITS-bit prefix: (code length << 8) | symbol, or 0 when the code is longer. */
  lookup: Uint16Array;
  /** Canonical decoding tables (T.81 F.2.2.3) for lengths 1..16. */
  maxCode: Int32Array;
  valPtr: Int32Array;
  minCode: Int32Array;
  values: Uint8Array;
}

/** Walks the codestream; throws a LosslessError naming the first inconsistency. */
export function walkJpegLossless(data: Uint8Array): LosslessFrameInfo {
  if (data[0] !== 0xff || data[1] !== 0xd8) throw new LosslessError('no SOI marker at the start of the frame');
  const tables: (HuffmanTable | undefined)[] = [];
  let frame: LosslessFrameInfo | undefined;
  let componentIds: number[] = [];
  let restartInterval = 0;
  let scanned = false;
  let p = 2;
  const u16 = (at: number): number => {
    if (at + 1 >= data.length) throw new LosslessError('codestream ended inside a marker segment');
    return ((data[at] as number) << 8) | (data[at + 1] as number);
  };

  for (;;) {
    if (p + 1 >= data.length) throw new LosslessError('codestream ended before the EOI marker');
    if (data[p] !== 0xff) throw new LosslessError(`expected a marker at byte ${p}, found 0x${(data[p] as number).toString(16)}`);
    const marker = data[p + 1] as number;
    if (marker === 0xff) {
      p++; // fill byte before a marker
      continue;
    }
    p += 2;
    if (marker === 0xd9) break; // EOI
    if (marker === 0x00 || marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) {
      throw new LosslessError(`marker 0xFF${hex(marker)} out of place at byte ${p - 2}`);
    }
    const length = u16(p);
    const end = p + length;
    if (length < 2 || end > data.length) throw new LosslessError(`marker 0xFF${hex(marker)} segment overruns the codestream`);

    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (marker !== 0xc3) throw new LosslessError(`frame marker 0xFF${hex(marker)} is not lossless Huffman (SOF3)`);
      if (frame) throw new LosslessError('more than one frame header');
      ({ frame, componentIds } = readFrameHeader(data, p + 2, end));
    } else if (marker === 0xc4) {
      readHuffmanTables(data, p + 2, end, tables);
    } else if (marker === 0xdd) {
      if (length !== 4) throw new LosslessError('restart interval segment has the wrong length');
      restartInterval = u16(p + 2);
    } else if (marker === 0xcc) {
      throw new LosslessError('arithmetic coding is not supported');
    } else if (marker === 0xdc) {
      throw new LosslessError('DNL marker (height defined after the scan) is not supported');
    } else if (marker === 0xda) {
      if (!frame) throw new LosslessError('scan before the frame header');
      if (scanned) throw new LosslessError('more than one scan is not supported');
      const scanTables = readScanHeader(data, p + 2, end, componentIds, tables);
      p = walkScan(data, end, frame, scanTables, restartInterval);
      scanned = true;
      continue;
    } else if (!(marker === 0xdb || marker === 0xfe || (marker >= 0xe0 && marker <= 0xef))) {
      // jpeg-lossless-decoder-js cannot skip an unknown segment, and T.81 reserves these codes.
      throw new LosslessError(`unexpected marker 0xFF${hex(marker)} at byte ${p - 2}`);
    }
    p = end; // DQT, APPn and COM carry nothing a lossless decode uses
  }
  if (!frame || !scanned) throw new LosslessError('codestream holds no frame or no scan');
  return frame;
}

function hex(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}

function readFrameHeader(data: Uint8Array, p: number, end: number): { frame: LosslessFrameInfo; componentIds: number[] } {
  if (p + 6 > end) throw new LosslessError('frame header is too short');
  const precision = data[p] as number;
  const height = ((data[p + 1] as number) << 8) | (data[p + 2] as number);
  const width = ((data[p + 3] as number) << 8) | (data[p + 4] as number);
  const count = data[p + 5] as number;
  if (precision < 2 || precision > 16) throw new LosslessError(`sample precision ${precision} is outside 2–16`);
  if (width === 0 || height === 0) throw new LosslessError(`frame size ${width}x${height} is not supported`);
  if (count !== 1 && count !== 3) throw new LosslessError(`frame has ${count} components; 1 or 3 are supported`);
  if (p + 6 + count * 3 !== end) throw new LosslessError('frame header length does not match its component count');
  const componentIds: number[] = [];
  for (let i = 0; i < count; i++) {
    const q = p + 6 + i * 3;
    if (data[q + 1] !== 0x11) throw new LosslessError(`component ${i} is subsampled (${(data[q + 1] as number) >> 4}x${(data[q + 1] as number) & 15}); only 1x1 is supported`);
    if ((data[q + 2] as number) > 3) throw new LosslessError(`component ${i} refers to quantisation table ${data[q + 2]}, outside 0–3`);
    componentIds.push(data[q] as number);
  }
  return { frame: { width, height, components: count, precision }, componentIds };
}

function readHuffmanTables(data: Uint8Array, p: number, end: number, tables: (HuffmanTable | undefined)[]): void {
  while (p < end) {
    const tc = (data[p] as number) >> 4;
    const th = (data[p] as number) & 15;
    if (tc > 1 || th > 3) throw new LosslessError(`Huffman table class ${tc} id ${th} is out of range`);
    if (p + 17 > end) throw new LosslessError('Huffman table overruns its segment');
    const counts = data.subarray(p + 1, p + 17);
    let total = 0;
    for (const n of counts) total += n;
    if (total > 256 || p + 17 + total > end) throw new LosslessError('Huffman table overruns its segment');
    const values = data.slice(p + 17, p + 17 + total);
    p += 17 + total;
    // Lossless scans use the DC-class tables only (T.81 H.1.2.2); an AC-class one is still checked, since
    // the decoder builds it too.
    const table = buildTable(counts, values);
    if (tc === 0) tables[th] = table;
  }
}

/** Canonical code assignment (T.81 Annex C) into the look-up and search tables. */
function buildTable(counts: Uint8Array, values: Uint8Array): HuffmanTable {
  const maxCode = new Int32Array(18).fill(-1);
  const valPtr = new Int32Array(17);
  const minCode = new Int32Array(17);
  const lookup = new Uint16Array(1 << LOOKUP_BITS);
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    const n = counts[length - 1] as number;
    if (n > 0) {
      valPtr[length] = k;
      minCode[length] = code;
      for (let i = 0; i < n; i++) {
        if (length <= LOOKUP_BITS) {
          const first = (code + i) << (LOOKUP_BITS - length);
          lookup.fill((length << 8) | (values[k + i] as number), first, first + (1 << (LOOKUP_BITS - length)));
        }
      }
      code += n;
      k += n;
      maxCode[length] = code - 1;
    }
    if (code > 1 << length) throw new LosslessError('Huffman table has more codes than its lengths allow');
    code <<= 1;
  }
  return { lookup, maxCode, valPtr, minCode, values };
}

/** The table of each scan component in frame order; the scan must hold every frame component once. */
function readScanHeader(data: Uint8Array, p: number, end: number, componentIds: number[], tables: (HuffmanTable | undefined)[]): HuffmanTable[] {
  const ns = data[p] as number;
  if (ns !== componentIds.length) throw new LosslessError(`scan holds ${ns} of the frame's ${componentIds.length} components; one scan with all of them is supported`);
  if (p + 1 + ns * 2 + 3 !== end) throw new LosslessError('scan header length does not match its component count');
  const scanTables: HuffmanTable[] = [];
  for (let i = 0; i < ns; i++) {
    const id = data[p + 1 + i * 2] as number;
    if (id !== componentIds[i]) throw new LosslessError(`scan component ${i} is ${id}, not the frame's ${componentIds[i]}`);
    const selectors = data[p + 2 + i * 2] as number;
    if ((selectors & 15) > 3) throw new LosslessError(`scan component ${id} refers to Huffman table ${selectors & 15}, outside 0–3`);
    const table = tables[selectors >> 4];
    if (!table) throw new LosslessError(`scan refers to an undefined Huffman table for component ${id}`);
    scanTables.push(table);
  }
  const q = p + 1 + ns * 2;
  const predictor = data[q] as number;
  if (predictor < 1 || predictor > 7) throw new LosslessError(`predictor ${predictor} is not one of 1–7`);
  if (data[q + 1] !== 0) throw new LosslessError('scan end-of-selection must be 0 in a lossless scan');
  if ((data[q + 2] as number) >> 4 !== 0) throw new LosslessError('successive approximation is not used in a lossless scan');
  return scanTables;
}

/**
 * Walks the entropy-coded data of the scan that starts at `p`: one Huffman-coded difference category per
 * sample (0–16) and its extra bits, with a restart marker (RST0–7, in turn) after every `restartInterval`
 * MCUs. Returns the position of the marker that follows the scan, which must come straight after the
 * last sample's byte (fill bytes aside): leftover coded data means the stream lost step.
 */
function walkScan(data: Uint8Array, p: number, frame: LosslessFrameInfo, tables: HuffmanTable[], restartInterval: number): number {
  const mcus = frame.width * frame.height;
  const reader = new EntropyReader(data, p);
  const ns = tables.length;
  let restarts = 0;
  for (let mcu = 0; mcu < mcus; mcu++) {
    if (restartInterval > 0 && mcu > 0 && mcu % restartInterval === 0) {
      reader.expectRestart(restarts & 7, mcu, mcus);
      restarts++;
    }
    for (let c = 0; c < ns; c++) {
      const category = reader.decodeCategory(tables[c] as HuffmanTable, mcu, mcus);
      if (category > 16) throw new LosslessError(`difference category ${category} is over 16 (sample ${mcu + 1} of ${mcus})`);
      if (category > 0 && category < 16) reader.skipBits(category, mcu, mcus);
    }
  }
  return reader.endOfScan(mcus);
}

/**
 * Bits of entropy-coded data, most significant first, with stuffed zero bytes (FF 00) removed. Bytes are
 * fetched one at a time as a code needs them; once a marker is reached, zero bits stand in for data, and
 * using any of them means the coded data ran out before the frame's last sample.
 */
class EntropyReader {
  /** Unused bits, right-aligned in the low `count` bits. */
  private bits = 0;
  private count = 0;
  /** Zero bits appended after a marker was reached; using any of them means the data ran out. */
  private phantom = 0;
  private atMarker = false;

  constructor(
    private readonly data: Uint8Array,
    private pos: number,
  ) {}

  private pushByte(): void {
    const data = this.data;
    let b = 0;
    if (!this.atMarker) {
      if (this.pos >= data.length) {
        this.atMarker = true;
      } else {
        b = data[this.pos] as number;
        if (b !== 0xff) {
          this.pos++;
        } else if (data[this.pos + 1] === 0x00) {
          this.pos += 2; // a stuffed FF data byte
        } else {
          this.atMarker = true; // a marker: the coded data ends here
          b = 0;
        }
      }
    }
    if (this.atMarker) this.phantom += 8;
    this.bits = ((this.bits << 8) | b) & 0xffffff;
    this.count += 8;
  }

  private truncated(sample: number, of: number): LosslessError {
    const at = this.pos >= this.data.length ? 'the end of the frame' : `a marker at byte ${this.pos}`;
    return new LosslessError(`coded data ends at ${at} inside sample ${sample + 1} of ${of}: the frame is truncated or damaged`);
  }

  decodeCategory(table: HuffmanTable, sample: number, of: number): number {
    while (this.count < LOOKUP_BITS) this.pushByte();
    const entry = table.lookup[(this.bits >> (this.count - LOOKUP_BITS)) & ((1 << LOOKUP_BITS) - 1)] as number;
    if (entry !== 0) {
      this.count -= entry >> 8;
      if (this.count < this.phantom) throw this.truncated(sample, of);
      return entry & 0xff;
    }
    while (this.count < 16) this.pushByte();
    for (let length = LOOKUP_BITS + 1; length <= 16; length++) {
      const code = (this.bits >> (this.count - length)) & ((1 << length) - 1);
      if (code <= (table.maxCode[length] as number)) {
        this.count -= length;
        if (this.count < this.phantom) throw this.truncated(sample, of);
        return table.values[(table.valPtr[length] as number) + code - (table.minCode[length] as number)] as number;
      }
    }
    if (this.phantom > 0) throw this.truncated(sample, of);
    throw new LosslessError(`invalid Huffman code in sample ${sample + 1} of ${of}: the frame is damaged`);
  }

  skipBits(n: number, sample: number, of: number): void {
    while (this.count < n) this.pushByte();
    this.count -= n;
    if (this.count < this.phantom) throw this.truncated(sample, of);
  }

  /**
   * Discards the current byte's padding bits and returns the position of the next marker, which must
   * follow at once (after optional FF fill bytes).
   */
  private alignToMarker(what: string): number {
    // Bytes are fetched ahead only as far as the longest code needs. In a sound stream that look-ahead
    // can only have reached the marker (phantom bits), so a whole unused real byte is leftover data.
    if (this.count - this.phantom >= 8) throw new LosslessError(`coded data continues past ${what}: the frame is damaged`);
    this.bits = 0;
    this.count = 0;
    this.phantom = 0;
    this.atMarker = false;
    let p = this.pos;
    const data = this.data;
    if (p >= data.length || data[p] !== 0xff) {
      let next = p;
      while (next + 1 < data.length && !(data[next] === 0xff && data[next + 1] !== 0x00)) next++;
      throw new LosslessError(`coded data continues past ${what} (${next - p} bytes before the next marker): the frame is damaged`);
    }
    while (p + 1 < data.length && data[p] === 0xff && data[p + 1] === 0xff) p++;
    return p;
  }

  expectRestart(index: number, mcu: number, mcus: number): void {
    const p = this.alignToMarker(`restart ${index} (after sample ${mcu} of ${mcus})`);
    if (this.data[p + 1] !== 0xd0 + index) {
      throw new LosslessError(`expected restart marker RST${index} after sample ${mcu} of ${mcus}, found 0xFF${hex(this.data[p + 1] ?? 0)}`);
    }
    this.pos = p + 2;
  }

  endOfScan(mcus: number): number {
    return this.alignToMarker(`the end of the scan (after sample ${mcus})`);
  }
}
