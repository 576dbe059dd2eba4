/**
 * The de-identifier on a real CT file with synthetic PHI planted in every Table E.1-1 attribute (nested
 * in sequences and in private blocks too): after it, DCMTK's dcmdump of the written file shows none of
 * it, UIDs are replaced consistently, and the required markers are set.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import dcmjs from 'dcmjs';
import { afterAll, describe, expect, it } from 'vitest';
import { deidentifyDataset } from '../../src-main/export/deidentifyDataset';
import type { DicomDict } from '../../src-main/export/dicomDict';
import { UidMapper } from '../../src-main/export/uidMapper';
import { sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';
import { phiHits } from './phiSearch';
import { plantPhi, PHI_PREFIX } from './plantPhi';

const tmp = makeTempDir('deid');
afterAll(() => tmp.cleanup());

function dump(bytes: Uint8Array, name: string): string {
  const file = path.join(tmp.dir, name);
  writeFileSync(file, bytes);
  // +U8: decode UTF-8; +L: print long values in full, so nothing hides behind "...". The raw bytes are
  // searched too: binary values (OB/UN) print as hex in a dump.
  return execFileSync('dcmdump', ['+U8', '+L', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }) + Buffer.from(bytes).toString('latin1');
}

function read(bytes: Uint8Array) {
  return dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

describe('deidentifyDataset', () => {
  const planted = plantPhi(sharedData('ct', 'CT_small.dcm'));

  it('the planted file really carries the PHI (positive control)', () => {
    const before = dump(planted.bytes, 'planted.dcm');
    expect(planted.strings.length).toBeGreaterThan(300);
    expect(phiHits(before, planted).length).toBeGreaterThan(planted.strings.length * 0.9);
  });

  it('leaves no planted PHI anywhere in the written data set', () => {
    const file = read(planted.bytes);
    const uids = new UidMapper();
    const stats = deidentifyDataset(file.dict as DicomDict, { uids });
    file.meta['00020003'] = { vr: 'UI', Value: [(file.dict['00080018']!.Value as string[])[0]] };
    const out = dump(new Uint8Array(file.write()), 'deid.dcm');
    expect(phiHits(out, planted)).toEqual([]);
    expect(out).not.toContain(PHI_PREFIX);
    expect(stats.privateRemoved).toBeGreaterThanOrEqual(2);
    expect(out).toMatch(/\(0012,0062\) CS \[YES\]/);
    expect(out).toMatch(/\(0012,0064\) SQ[\s\S]*\(0008,0100\) SH \[113100\]/);
    expect(out).toMatch(/\(0028,0303\) CS \[REMOVED\]/);
    // Pixel data and the image's own geometry survive.
    expect(out).toMatch(/\(7fe0,0010\) OW/);
    expect(out).toMatch(/\(0028,0010\) US 128/);
  });

  it('replaces UIDs consistently and one-way (2.25, same original → same replacement)', () => {
    const uids = new UidMapper();
    const a = read(planted.bytes);
    const b = read(planted.bytes);
    deidentifyDataset(a.dict as DicomDict, { uids });
    deidentifyDataset(b.dict as DicomDict, { uids });
    const sop = (a.dict['00080018']!.Value as string[])[0]!;
    expect(sop).toMatch(/^2\.25\.\d+$/);
    expect(sop).toBe((b.dict['00080018']!.Value as string[])[0]);
    // A different export (another secret) gives different replacements.
    const c = read(planted.bytes);
    deidentifyDataset(c.dict as DicomDict, { uids: new UidMapper() });
    expect((c.dict['00080018']!.Value as string[])[0]).not.toBe(sop);
    // Class UIDs are not identifying and stay.
    expect((a.dict['00080016']!.Value as string[])[0]).toBe('1.2.840.10008.5.1.4.1.1.2');
  });

  it('keeps the structure of a Content Sequence but replaces its free text (action D)', () => {
    const dict: DicomDict = {
      '0040A730': {
        vr: 'SQ',
        Value: [
          {
            '0040A040': { vr: 'CS', Value: ['TEXT'] },
            '0040A043': { vr: 'SQ', Value: [{ '00080100': { vr: 'SH', Value: ['121106'] }, '00080102': { vr: 'SH', Value: ['DCM'] }, '00080104': { vr: 'LO', Value: ['Comment'] } }] },
            '0040A160': { vr: 'UT', Value: ['Seen by QQPHI Smith on 1871-02-03'] },
          },
        ],
      },
    };
    deidentifyDataset(dict, { uids: new UidMapper() });
    const item = (dict['0040A730']!.Value as DicomDict[])[0]!;
    expect(item['0040A160']!.Value).toEqual(['ANONYMIZED']);
    expect(item['0040A040']!.Value).toEqual(['TEXT']);
    expect(((item['0040A043']!.Value as DicomDict[])[0]!['00080104']!.Value as string[])[0]).toBe('Comment');
  });
});
