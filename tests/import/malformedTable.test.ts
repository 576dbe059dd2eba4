/**
 * The expected outcome of EVERY file in data/malformed through the whole parser chain (what `qoq import`
 * does with it). Valid-but-unusual encodings that DCMTK/pydicom read are imported; damaged files are
 * rejected or keep their header with the pixels marked undecodable — always with a specific reason.
 * Expectations come from SOURCES.md's description of each file and dcmdump/pydicom behaviour, not from
 * this code's output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../src-main/parsing/parseFile';
import { DEFAULT_LIMITS, type ParseOutcome } from '../../src-main/parsing/types';
import { sharedData, sharedDataDir } from '../helpers/sharedData';

type Expected =
  | { outcome: 'imported'; pixels: 'ok' | 'none'; ts?: string }
  | { outcome: 'undecodable'; reason: RegExp }
  | { outcome: 'rejected'; reason: RegExp };

const ELE = '1.2.840.10008.1.2.1';
const ILE = '1.2.840.10008.1.2';
const EBE = '1.2.840.10008.1.2.2';
const DEFLATED = '1.2.840.10008.1.2.1.99';

export const MALFORMED_OUTCOMES: Record<string, Expected> = {
  // Valid but unusual: tolerant readers read these, so must we.
  '1403-OB.dcm': { outcome: 'imported', pixels: 'ok', ts: ELE }, // OB pixel data of odd length
  'ExplVR_BigEndNoMeta.dcm': { outcome: 'imported', pixels: 'none', ts: EBE }, // no File Meta, big endian
  'GH177_D_CLUNIE_CT1_IVRLE_BigEndian_undefined_length.dcm': { outcome: 'imported', pixels: 'ok', ts: EBE },
  'GH220.dcm': { outcome: 'imported', pixels: 'none', ts: ELE }, // private SOP class
  'GH223.dcm': { outcome: 'imported', pixels: 'none', ts: ELE }, // empty first item in a private SQ
  'GH487.dcm': { outcome: 'imported', pixels: 'none', ts: ELE }, // private SQ with empty items at the end
  'Issue1097_FailToOpenDeflatedFileWithSQ.dcm': { outcome: 'imported', pixels: 'none', ts: DEFLATED },
  'MR_small_bigendian.dcm': { outcome: 'imported', pixels: 'ok', ts: EBE },
  'SC_rgb_small_odd.dcm': { outcome: 'imported', pixels: 'ok', ts: ELE },
  'SC_rgb_small_odd_big_endian.dcm': { outcome: 'imported', pixels: 'ok', ts: EBE },
  'UN_sequence.dcm': { outcome: 'imported', pixels: 'none' }, // private SQ encoded as UN
  'bad_sequence.dcm': { outcome: 'imported', pixels: 'ok' }, // implicit-LE SQ inside explicit file (VR UN)
  'empty_charset_LEI.dcm': { outcome: 'imported', pixels: 'none', ts: ILE },
  'image_dfl.dcm': { outcome: 'imported', pixels: 'ok', ts: DEFLATED },
  'meta_missing_tsyntax.dcm': { outcome: 'undecodable', reason: /Rows|Columns|Bits Allocated/ }, // TS inferred; image attributes absent
  'nested_priv_SQ.dcm': { outcome: 'undecodable', reason: /Rows|Columns|Bits Allocated/ }, // nested undefined-length private SQs read; no image attributes
  'no_meta.dcm': { outcome: 'imported', pixels: 'ok', ts: ELE }, // no preamble/meta, one stray byte
  'no_meta_group_length.dcm': { outcome: 'imported', pixels: 'none', ts: ILE },
  'priv_SQ.dcm': { outcome: 'imported', pixels: 'none', ts: ILE },
  'report_dfl': { outcome: 'imported', pixels: 'none', ts: DEFLATED }, // deflated SR
  // Damaged: header kept, pixels marked undecodable with the reason.
  'MR_truncated.dcm': { outcome: 'undecodable', reason: /truncated|holds \d+ bytes/i },
  'JPEG2000-embedded-sequence-delimiter.dcm': { outcome: 'undecodable', reason: /JPEG 2000|codestream|J2K/i },
  // Despite its name every frame's codestream is complete; only the sequence delimiter is missing.
  'emri_small_jpeg_2k_lossless_too_short.dcm': { outcome: 'imported', pixels: 'ok' },
  'badVR.dcm': { outcome: 'undecodable', reason: /Number ?Of ?Frames.*1A/i },
  // Not importable at all.
  'truncated.jpg': { outcome: 'rejected', reason: /truncated/i },
  'zipMR.gz': { outcome: 'rejected', reason: /gzip-compressed DICOM/ },
};

function classify(outcome: ParseOutcome): { outcome: string; pixels?: string; reason?: string; ts?: string } {
  if (outcome.status !== 'parsed') return { outcome: outcome.status, reason: outcome.reason };
  const o = outcome.object;
  if (o.kind !== 'dicom') return { outcome: `parsed-${o.kind}` };
  if (o.pixels.state === 'undecodable') return { outcome: 'undecodable', reason: o.pixels.reason, ts: o.transferSyntaxUid };
  return { outcome: 'imported', pixels: o.pixels.state, ts: o.transferSyntaxUid };
}

describe('data/malformed through the import chain', () => {
  it('the table covers every file in data/malformed', () => {
    const files = readdirSync(path.join(sharedDataDir, 'malformed')).sort();
    expect(Object.keys(MALFORMED_OUTCOMES).sort()).toEqual(files);
  });

  // Same outcome whichever pixel verification the site chose (every damaged frame here is caught either
  // by decoding frame 1 or by the structural check of later frames).
  for (const [name, expected] of Object.entries(MALFORMED_OUTCOMES)) {
    it.each(['first-frame', 'all-frames'] as const)(`${name} → ${expected.outcome} (%s)`, async (pixelVerification) => {
      const file = sharedData('malformed', name);
      const limits = { ...DEFAULT_LIMITS, pixelVerification };
      const actual = classify(await parseFile({ path: file, bytes: readFileSync(file) }, limits));
      expect(actual.outcome).toBe(expected.outcome);
      if (expected.outcome === 'imported') {
        expect(actual.pixels).toBe(expected.pixels);
        if (expected.ts) expect(actual.ts).toBe(expected.ts);
      } else {
        expect(actual.reason).toMatch(expected.reason);
      }
    });
  }
});
