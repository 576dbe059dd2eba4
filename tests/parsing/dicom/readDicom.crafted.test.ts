import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DicomReadError } from '../../../src-main/parsing/dicom/DicomReadError';
import { readDicom } from '../../../src-main/parsing/dicom/readDicom';
import { DEFAULT_LIMITS, type ParseLimits } from '../../../src-main/parsing/types';
import { el, item, minimalImage, part10, sq, UNDEFINED, us } from './craftDicom';

/** Runs `fn`, returning the error it throws, how long it took and how much ArrayBuffer memory grew. */
function refusal(fn: () => unknown): { err: DicomReadError; ms: number; grewBytes: number } {
  const before = process.memoryUsage().arrayBuffers;
  const t0 = performance.now();
  try {
    fn();
  } catch (err) {
    const ms = performance.now() - t0;
    expect(err).toBeInstanceOf(DicomReadError);
    return { err: err as DicomReadError, ms, grewBytes: process.memoryUsage().arrayBuffers - before };
  }
  throw new Error('expected a DicomReadError');
}

describe('readDicom on crafted hostile input', () => {
  it('the crafted baseline image reads', () => {
    const r = readDicom(part10(minimalImage()), DEFAULT_LIMITS);
    expect(r.dataSet.uint16('x00280010')).toBe(2);
    expect(r.flags).toEqual(['burned-in-annotation']); // Secondary Capture
  });

  it('refuses an element whose declared length runs past the end of the file, before allocating', () => {
    const evil = el(0x0009, 0x1010, 'OB', [1, 2, 3, 4], 0x7ffffff0);
    const bytes = part10(minimalImage(evil));
    const { err, ms, grewBytes } = refusal(() => readDicom(bytes, DEFAULT_LIMITS));
    expect(err.notDicom).toBe(false);
    expect(err.message).toMatch(/element \(0009,1010\) at offset \d+ declares 2147483632 bytes but only \d+ remain/);
    expect(ms).toBeLessThan(500);
    expect(grewBytes).toBeLessThan(16 * 1024 ** 2);
  });

  it('refuses a sequence item whose declared length runs past its sequence', () => {
    const bad = [...el(0x0040, 0xa730, 'SQ', [], UNDEFINED), 0xfe, 0xff, 0x00, 0xe0, 0xf0, 0xff, 0xff, 0x7f];
    const { err } = refusal(() => readDicom(part10(minimalImage(bad)), DEFAULT_LIMITS));
    expect(err.message).toMatch(/item in sequence \(0040,A730\) .* declares 2147483632 bytes/);
  });

  it('refuses sequence nesting deeper than limits.maxSequenceDepth, and accepts it at the limit', () => {
    // Built iteratively: opening headers, a leaf, then the matching delimiters (a recursive builder would
    // itself overflow the stack at 100 000 levels).
    const nest = (depth: number): number[] => {
      const open = [...el(0x0040, 0xa730, 'SQ', [], UNDEFINED), 0xfe, 0xff, 0x00, 0xe0, 0xff, 0xff, 0xff, 0xff];
      const close = [0xfe, 0xff, 0x0d, 0xe0, 0, 0, 0, 0, 0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0];
      const out: number[] = [];
      for (let i = 0; i < depth; i++) for (const b of open) out.push(b);
      for (const b of el(0x0008, 0x0100, 'SH', 'X')) out.push(b);
      for (let i = 0; i < depth; i++) for (const b of close) out.push(b);
      return out;
    };
    expect(nest(2)).toEqual(sq(0x0040, 0xa730, [item(sq(0x0040, 0xa730, [item(el(0x0008, 0x0100, 'SH', 'X'))]))]));
    const limits: ParseLimits = { ...DEFAULT_LIMITS, maxSequenceDepth: 64 };
    expect(() => readDicom(part10(minimalImage(nest(64))), limits)).not.toThrow();
    const { err, ms } = refusal(() => readDicom(part10(minimalImage(nest(65))), limits));
    expect(err.message).toBe('sequence nesting deeper than the limit of 64 at (0040,A730)');
    expect(ms).toBeLessThan(500);
    // 100 000 levels would overflow the stack of a naive recursive reader; the cap stops it early.
    const { err: deep } = refusal(() => readDicom(part10(minimalImage(nest(100_000))), limits));
    expect(deep.message).toContain('sequence nesting deeper than the limit of 64');
  });

  it('refuses pixel dimensions beyond limits.maxPixelBytes before any decoding', () => {
    // Rows/Columns are US, so 65535 is the largest expressible; × 1000 frames ≈ 4.3 TB of 8-bit samples.
    const image = minimalImage(el(0x0028, 0x0008, 'IS', '1000'));
    const bytes = part10(image);
    const view = Buffer.from(bytes);
    // Patch Rows and Columns (the two US elements with value 2) to 65535.
    for (const tag of [[0x28, 0x00, 0x10, 0x00, 0x55, 0x53, 2, 0], [0x28, 0x00, 0x11, 0x00, 0x55, 0x53, 2, 0]]) {
      const at = view.indexOf(Buffer.from(tag)) + 8;
      view.writeUInt16LE(65535, at);
    }
    const { err, ms, grewBytes } = refusal(() => readDicom(new Uint8Array(view), DEFAULT_LIMITS));
    expect(err.message).toContain(`decoded pixels would need ${65535 * 65535 * 1000} bytes`);
    expect(err.message).toContain('over the limit of');
    expect(ms).toBeLessThan(500);
    expect(grewBytes).toBeLessThan(16 * 1024 ** 2);
  });

  it('flags MZ, ELF and Mach-O preambles as suspicious, but not TIFF or zero preambles', () => {
    const flagsFor = (preamble: number[]) => readDicom(part10(minimalImage(), { preamble }), DEFAULT_LIMITS).flags;
    expect(flagsFor([0x4d, 0x5a, 0x90, 0x00])).toContain('suspicious-preamble');
    expect(flagsFor([0x7f, 0x45, 0x4c, 0x46])).toContain('suspicious-preamble');
    expect(flagsFor([0xcf, 0xfa, 0xed, 0xfe])).toContain('suspicious-preamble');
    expect(flagsFor([0x49, 0x49, 0x2a, 0x00])).not.toContain('suspicious-preamble');
    expect(flagsFor([0x4d, 0x4d, 0x00, 0x2a])).not.toContain('suspicious-preamble');
    expect(flagsFor([])).not.toContain('suspicious-preamble');
  });

  it('refuses a deflate bomb at the size limit instead of inflating it', () => {
    // 64 MiB of zeros deflates to ~64 KiB; with a 4 MiB file limit the inflater must stop early.
    const bomb = deflateRawSync(Buffer.alloc(64 * 1024 ** 2));
    const header = part10([], { transferSyntax: '1.2.840.10008.1.2.1.99' });
    const bytes = new Uint8Array([...header, ...bomb]);
    const limits: ParseLimits = { ...DEFAULT_LIMITS, maxFileBytes: 4 * 1024 ** 2 };
    const { err, grewBytes } = refusal(() => readDicom(bytes, limits));
    expect(err.message).toMatch(/deflated data set inflates to more than \d+ bytes/);
    expect(grewBytes).toBeLessThan(32 * 1024 ** 2);
  });

  it('reads a small deflated data set', () => {
    const header = part10([], { transferSyntax: '1.2.840.10008.1.2.1.99' });
    const r = readDicom(new Uint8Array([...header, ...deflateRawSync(Buffer.from(minimalImage()))]), DEFAULT_LIMITS);
    expect(r.flags).toContain('deflated');
    expect(r.dataSet.uint16('x00280011')).toBe(2);
  });

  it('reads an element with a non-standard VR as UN with a warning (DCMTK behaviour)', () => {
    const odd = [0x09, 0x00, 0x20, 0x10, 0x00, 0x00, 0x00, 0x00, 2, 0, 0, 0, 0xab, 0xcd];
    const r = readDicom(part10(minimalImage(odd)), DEFAULT_LIMITS);
    expect(r.dataSet.elements['x00091020']).toMatchObject({ vr: 'UN', length: 2 });
    expect(r.warnings.join()).toContain('invalid VR');
  });

  it('refuses files over limits.maxFileBytes without looking inside', () => {
    const { err } = refusal(() => readDicom(part10(minimalImage()), { ...DEFAULT_LIMITS, maxFileBytes: 100 }));
    expect(err.message).toMatch(/over the limit of 100/);
  });

  it('reports plain text as not DICOM', () => {
    const { err } = refusal(() => readDicom(new TextEncoder().encode('Patient notes: nothing to see here.\n'.repeat(10)), DEFAULT_LIMITS));
    expect(err.notDicom).toBe(true);
  });

  it('rejects (not "not DICOM") a Part-10 file whose data set is garbage', () => {
    const garbage = [0x08, 0x00, 0x16, 0x00, 0x55, 0x49, 0xff, 0xff];
    const { err } = refusal(() => readDicom(part10(garbage), DEFAULT_LIMITS));
    expect(err.notDicom).toBe(false);
  });

  it('rejects (not "not DICOM") a file that has a DICOM header but not one element after it', () => {
    // "DICM" alone, as a 4-byte file: no File Meta, no data set.
    const bare = refusal(() => readDicom(new TextEncoder().encode('DICM'), DEFAULT_LIMITS)).err;
    expect(bare.notDicom).toBe(false);
    expect(bare.message).toBe('no data set: the file ends after its DICOM header (4 bytes), with no DICOM elements to store');
    // A complete Part-10 header (preamble, DICM, File Meta) and nothing after it.
    const metaOnly = part10([]);
    const { err } = refusal(() => readDicom(metaOnly, DEFAULT_LIMITS));
    expect(err.message).toBe(`no data set: the file ends after its DICOM header (${metaOnly.length} bytes), with no DICOM elements to store`);
    // One element after the header is a data set (the reader stays tolerant of sparse objects).
    expect(() => readDicom(part10(el(0x0010, 0x0010, 'PN', 'Doe^J')), DEFAULT_LIMITS)).not.toThrow();
  });

  it('keeps reading big-endian raw data sets without meta', () => {
    const be = [0x00, 0x08, 0x00, 0x60, 0x43, 0x53, 0x00, 0x02, 0x43, 0x54, 0x00, 0x10, 0x00, 0x20, 0x50, 0x4e, 0x00, 0x02, 0x41, 0x5e];
    const r = readDicom(new Uint8Array(be), DEFAULT_LIMITS);
    expect(r.transferSyntaxUid).toBe('1.2.840.10008.1.2.2');
    expect(r.flags).toEqual(['no-part10-header', 'big-endian']);
    expect(r.dataSet.string('x00080060')).toBe('CT');
  });

  it('uses US helper consistently', () => {
    expect(us(0x0028, 0x0010, 512)).toEqual([0x28, 0x00, 0x10, 0x00, 0x55, 0x53, 2, 0, 0x00, 0x02]);
  });
});
