import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DicomReadError } from '../../../src-main/parsing/dicom/DicomReadError';
import { readDicom, type DicomReadResult } from '../../../src-main/parsing/dicom/readDicom';
import { DEFAULT_LIMITS, type ImportFlag } from '../../../src-main/parsing/types';
import { sharedData, sharedDataDir } from '../../helpers/sharedData';

const ELE = '1.2.840.10008.1.2.1';
const ILE = '1.2.840.10008.1.2';
const EBE = '1.2.840.10008.1.2.2';
const DEFLATED = '1.2.840.10008.1.2.1.99';

type Expected =
  | { ok: true; ts: string; flags: ImportFlag[]; sopClass?: string; check?: (r: DicomReadResult) => void }
  | { ok: false; notDicom: boolean; reason: string };

/**
 * Expected outcome of every file in data/malformed. TS and values come from dcmdump 3.6.7 ("Used
 * TransferSyntax") and pydicom 2.3.1; where those readers disagree or fail, the decision is noted.
 */
const MALFORMED: Record<string, Expected> = {
  '1403-OB.dcm': { ok: true, ts: ELE, flags: ['burned-in-annotation'], sopClass: '1.2.840.10008.5.1.4.1.1.7' },
  'ExplVR_BigEndNoMeta.dcm': {
    ok: true,
    ts: EBE, // dcmdump: "Used TransferSyntax: Big Endian Explicit"
    flags: ['no-part10-header', 'big-endian'],
    sopClass: '1.2.840.10008.5.1.4.1.1.481.8',
  },
  'GH177_D_CLUNIE_CT1_IVRLE_BigEndian_undefined_length.dcm': {
    // (0008,2112) is UN with undefined length: read as implicit LE (CP-246) like dcmdump; pydicom 2.3 fails.
    ok: true,
    ts: EBE,
    flags: ['big-endian'],
    sopClass: '1.2.840.10008.5.1.4.1.1.2',
    check: (r) => {
      expect(r.dataSet.uint16('x00280010')).toBe(512);
      expect(r.dataSet.uint16('x00280011')).toBe(512);
      expect(r.dataSet.elements['x7fe00010']?.length).toBe(524288);
      expect(r.dataSet.string('x0020000e')).toBe('1.3.6.1.4.1.5962.1.3.1.1.20031208063649.855');
    },
  },
  'GH220.dcm': { ok: true, ts: ELE, flags: [], sopClass: '1.3.46.670589.5.0.1.1' },
  'GH223.dcm': {
    ok: true,
    ts: ELE,
    flags: [],
    sopClass: '1.2.840.10008.5.1.4.1.1.2',
    check: (r) => {
      // dcmdump: (01f3,1011) SQ with 2 items, the first empty, the second with 11 elements.
      const items = r.dataSet.elements['x01f31011']?.items ?? [];
      expect(items).toHaveLength(2);
      expect(Object.keys(items[0]!.dataSet!.elements)).toHaveLength(0);
      expect(Object.keys(items[1]!.dataSet!.elements)).toHaveLength(11);
    },
  },
  'GH487.dcm': { ok: true, ts: ELE, flags: [], sopClass: '1.2.840.10008.5.1.4.1.1.2' },
  'Issue1097_FailToOpenDeflatedFileWithSQ.dcm': {
    ok: true,
    ts: DEFLATED,
    flags: ['deflated'],
    sopClass: '2.25.152752519834663263826301420581341174218',
    check: (r) => expect(r.dataSet.elements['x00080110']?.items).toHaveLength(1), // pydicom: 1 item
  },
  'JPEG2000-embedded-sequence-delimiter.dcm': {
    // Structurally valid; the broken codestream is found by pixel decoding (handleDicomFile test).
    ok: true,
    ts: '1.2.840.10008.1.2.4.91',
    flags: ['lossy-compressed', 'burned-in-annotation'],
    sopClass: '1.2.840.10008.5.1.4.1.1.7',
  },
  'MR_small_bigendian.dcm': { ok: true, ts: EBE, flags: ['big-endian'], sopClass: '1.2.840.10008.5.1.4.1.1.4' },
  'MR_truncated.dcm': {
    // dcmdump: "PixelData (7fe0,0010) larger (8192) than remaining bytes". Header kept, pixels marked damaged.
    ok: true,
    ts: ELE,
    flags: [],
    sopClass: '1.2.840.10008.5.1.4.1.1.4',
    check: (r) => expect(r.pixelDataDamage).toMatch(/Pixel Data truncated: 8192 bytes declared/),
  },
  'SC_rgb_small_odd.dcm': { ok: true, ts: ELE, flags: ['burned-in-annotation'], sopClass: '1.2.840.10008.5.1.4.1.1.7' },
  'SC_rgb_small_odd_big_endian.dcm': {
    ok: true,
    ts: EBE,
    flags: ['big-endian', 'burned-in-annotation'],
    sopClass: '1.2.840.10008.5.1.4.1.1.7',
  },
  'UN_sequence.dcm': {
    ok: true,
    ts: '1.2.840.10008.1.2.4.70',
    flags: [],
    check: (r) => {
      // dcmdump: (4453,100c) UN u/l → (0008,1115) → (0008,1199) → ReferencedSOPInstanceUID.
      const outer = r.dataSet.elements['x4453100c']?.items?.[0]?.dataSet;
      const series = outer?.elements['x00081115']?.items?.[0]?.dataSet;
      const sop = series?.elements['x00081199']?.items?.[0]?.dataSet;
      expect(sop?.string('x00081155')).toBe('1.2.840.113619.2.327.3.185221411.476.1398588726.278.80');
      expect(outer?.string('x0020000d')).toBe('1.2.840.113619.2.327.3.185221411.476.1398588725.795');
    },
  },
  'badVR.dcm': {
    ok: true,
    ts: ELE,
    flags: [],
    sopClass: '1.2.840.10008.5.1.4.1.1.481.2',
    check: (r) => expect(r.warnings.join('\n')).toContain('Number of Frames "1A"'),
  },
  'bad_sequence.dcm': { ok: true, ts: '1.2.840.10008.1.2.4.70', flags: [], sopClass: '1.2.840.10008.5.1.4.1.1.2' },
  'empty_charset_LEI.dcm': {
    ok: true,
    ts: ILE,
    flags: [],
    check: (r) => {
      expect(r.dataSet.elements['x00080005']?.length).toBe(0); // dcmdump: (0008,0005) CS (no value available)
      expect(r.dataSet.string('x00080008')).toBe('ORIGINAL\\PRIMARY\\SINGLE PLANE');
    },
  },
  'emri_small_jpeg_2k_lossless_too_short.dcm': {
    ok: true,
    ts: '1.2.840.10008.1.2.4.90',
    flags: [],
    sopClass: '1.2.840.10008.5.1.4.1.1.4.1',
    check: (r) => expect(r.warnings.join('\n')).toContain('no sequence delimiter'),
  },
  'image_dfl.dcm': {
    ok: true,
    ts: DEFLATED,
    flags: ['deflated', 'burned-in-annotation'],
    sopClass: '1.2.840.10008.5.1.4.1.1.7',
    check: (r) => expect([r.dataSet.uint16('x00280010'), r.dataSet.uint16('x00280011')]).toEqual([512, 512]),
  },
  'meta_missing_tsyntax.dcm': {
    ok: true,
    ts: ILE, // dcmdump: "Used TransferSyntax: Little Endian Implicit"
    flags: ['missing-transfer-syntax'],
  },
  'nested_priv_SQ.dcm': {
    ok: true,
    ts: ILE,
    flags: [],
    check: (r) => {
      // dcmdump: (0001,0001) SQ → item → [(0001,0001) SQ → item → (0001,0001) "Double Nested SQ", (0001,0002) "Nested SQ"]
      const outer = r.dataSet.elements['x00010001']?.items?.[0]?.dataSet;
      const inner = outer?.elements['x00010001']?.items?.[0]?.dataSet;
      expect(inner?.string('x00010001')).toBe('Double Nested SQ');
      expect(outer?.string('x00010002')).toBe('Nested SQ');
      expect(r.dataSet.elements['x7fe00010']?.length).toBe(2);
    },
  },
  'no_meta.dcm': {
    // Decision: one stray 0x20 byte precedes an explicit-LE CT_small data set; we skip up to 3 such bytes
    // (with a warning). dcmdump and pydicom both stop at the bogus first tag (0820,0500).
    ok: true,
    ts: ELE,
    flags: ['no-part10-header'],
    sopClass: '1.2.840.10008.5.1.4.1.1.2',
    check: (r) => {
      expect(r.warnings).toContain('skipped 1 stray byte(s) before the data set');
      expect(r.dataSet.string('x00080018')).toBe('1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322'); // CT_small's
    },
  },
  'no_meta_group_length.dcm': {
    ok: true,
    ts: ILE,
    flags: [],
    sopClass: undefined,
    check: (r) => expect(r.warnings).toContain('File Meta has no group length (0002,0000)'),
  },
  'priv_SQ.dcm': {
    ok: true,
    ts: ILE,
    flags: [],
    check: (r) => expect(r.dataSet.elements['x3f031001']?.items).toHaveLength(1),
  },
  'report_dfl': {
    ok: true,
    ts: DEFLATED,
    flags: ['deflated'],
    sopClass: '1.2.840.10008.5.1.4.1.1.88.22',
    check: (r) => expect(r.dataSet.elements['x0040a730']?.items).toHaveLength(5), // pydicom: 5 content items
  },
  'truncated.jpg': { ok: false, notDicom: true, reason: 'JPEG image' },
  'zipMR.gz': { ok: false, notDicom: true, reason: 'gzip archive' },
};

describe('readDicom on data/malformed', () => {
  it('the table covers every file in data/malformed', () => {
    expect(readdirSync(`${sharedDataDir}/malformed`).sort()).toEqual(Object.keys(MALFORMED).sort());
  });

  it.each(Object.entries(MALFORMED))('%s', (file, expected) => {
    const bytes = new Uint8Array(readFileSync(sharedData('malformed', file)));
    if (!expected.ok) {
      expect(() => readDicom(bytes, DEFAULT_LIMITS)).toThrow(DicomReadError);
      try {
        readDicom(bytes, DEFAULT_LIMITS);
      } catch (err) {
        expect((err as DicomReadError).notDicom).toBe(expected.notDicom);
        expect((err as Error).message).toContain(expected.reason);
      }
      return;
    }
    const r = readDicom(bytes, DEFAULT_LIMITS);
    expect(r.transferSyntaxUid).toBe(expected.ts);
    expect([...r.flags].sort()).toEqual([...expected.flags].sort());
    if (expected.sopClass) expect(r.dataSet.string('x00080016')).toBe(expected.sopClass);
    expected.check?.(r);
  });
});
