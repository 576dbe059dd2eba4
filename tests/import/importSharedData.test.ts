/**
 * `qoq import ../shared/data` end to end through the service (sandboxed workers, object store, SQLite):
 * every medical file outside data/malformed is imported, text is skipped as not medical, only damaged
 * files are rejected, a second run adds nothing, and CT/MR series come out grouped with their geometry.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src-main/contract/schemas';
import { createWorkstationService, type WorkstationService } from '../../src-main/services/createWorkstationService';
import { sharedDataDir } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';

/** Files that are not medical objects in their own right, by what they are (see SOURCES.md). */
const NOT_MEDICAL: RegExp[] = [
  /^SOURCES\.md$/,
  /^LICENSES\//, // licence texts
  /^dicomdir\/.*README[^/]*$/, // text
  /^dermoscopy\/ATTRIBUTION\.txt$/, // text
  /^dermoscopy\/ISIC_0000000\.json$/, // metadata sidecar of the ISIC image
  /^fundus\/.*_binarized\.tif$/, // vessel mask, a companion of the fundus photo
  /^ecg\/wfdb\/.*\.(dat|atr|xyz)$/, // WFDB signal/annotation files, read through their .hea
  /(^|\/)DICOMDIR$/, // media index: its referenced files are imported
];
const REJECTED = ['malformed/truncated.jpg', 'malformed/zipMR.gz'];

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

let tmp: ReturnType<typeof makeTempDir>;
let service: WorkstationService;
let first: ImportReport;
let second: ImportReport;
const all = listFiles(sharedDataDir).map((f) => path.relative(sharedDataDir, f));
const notMedical = all.filter((f) => NOT_MEDICAL.some((re) => re.test(f)));

beforeAll(async () => {
  tmp = makeTempDir('import-all');
  service = createWorkstationService({ dataDir: tmp.dir, actor: 'test' });
  first = await service.api.importPaths({ paths: [sharedDataDir] });
  second = await service.api.importPaths({ paths: [sharedDataDir] });
}, 300_000);

afterAll(async () => {
  await service.close();
  tmp.cleanup();
});

describe('importing ../shared/data', () => {
  it('rejects only the damaged files, each with a reason', () => {
    expect(first.rejected.map((r) => path.relative(sharedDataDir, r.path)).sort()).toEqual(REJECTED);
    for (const r of first.rejected) expect(r.reason.length).toBeGreaterThan(10);
  });

  it('imports every other medical file and counts the rest as not medical', () => {
    expect(notMedical.length).toBeGreaterThan(10);
    expect(first.notMedical).toBe(notMedical.length);
    // Some corpus files are byte-identical copies (skipped as already stored within the same run).
    expect(first.imported + first.skipped).toBe(all.length - notMedical.length - REJECTED.length);
    expect(first.imported).toBeGreaterThan(200);
  });

  it('reports counts per kind for every modality family in the corpus', () => {
    const k = first.countsByKind;
    expect(k['dicom:seg']).toBe(2); // seg/*.dcm
    expect(k['dicom:sr']).toBe(4); // sr/*.dcm + malformed/report_dfl
    expect(k['dicom:waveform']).toBe(2); // ecg/dicom/*.dcm
    expect(k['dicom:annotation']).toBe(1); // pathology/sm_annotations.dcm
    expect(k['ecg:wfdb']).toBe(2); // 100, s0010_re
    expect(k['ecg:hl7-aecg']).toBe(3);
    expect(k['ecg:philips-xml']).toBe(2);
    expect(k['ecg:scp']).toBe(1);
    expect((k['photo:jpeg'] ?? 0) + (k['photo:png'] ?? 0)).toBe(3); // dermoscopy, fundus, pathology/ihc
    expect((k['volume:nifti1'] ?? 0) + (k['volume:nifti2'] ?? 0)).toBe(3);
    expect(Object.values(k).reduce((a, b) => a + b, 0)).toBe(first.imported);
  });

  it('a second run imports nothing new', () => {
    expect(second.imported).toBe(0);
    expect(second.skipped).toBe(first.imported + first.skipped);
    expect(second.rejected).toHaveLength(REJECTED.length);
  });

  it('groups the 28-slice CT series with its geometry (5 mm slices, 512×512)', async () => {
    const { studies } = await service.api.listStudies({ text: 'PLASTIC', limit: 10 });
    expect(studies).toHaveLength(1);
    const detail = await service.api.getStudy({ studyId: studies[0]!.id });
    const ct = detail.series.find((s) => s.instances.length === 28);
    expect(ct?.modality).toBe('CT');
    expect(ct?.domain).toBe('ct');
    const z = ct!.instances.map((i) => i.imagePosition![2]).sort((a, b) => a - b);
    for (let i = 1; i < z.length; i++) expect(z[i]! - z[i - 1]!).toBeCloseTo(5, 3);
    for (const inst of ct!.instances) {
      expect([inst.rows, inst.columns]).toEqual([512, 512]);
      expect(inst.pixelState).toBe('ok');
      expect(inst.imageOrientation).toEqual([1, 0, 0, 0, 1, 0]);
    }
  });

  it('groups the 40-slice MR volume (64×64, 3 mm)', async () => {
    const { studies } = await service.api.listStudies({ domain: 'mri', limit: 1000 });
    const details = await Promise.all(studies.map((s) => service.api.getStudy({ studyId: s.id })));
    const mr = details.flatMap((d) => d.series).find((s) => s.instances.length === 40);
    expect(mr?.modality).toBe('MR');
    expect(new Set(mr!.instances.map((i) => `${i.rows}x${i.columns}`))).toEqual(new Set(['64x64']));
    const z = mr!.instances.map((i) => i.imagePosition![2]).sort((a, b) => a - b);
    expect(Math.abs(z[1]! - z[0]!)).toBeCloseTo(3, 1);
  });

  it('leaves a healthy database and an intact audit chain', async () => {
    const db = new Database(path.join(tmp.dir, 'qoq.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    const audit = await service.api.auditLog({ limit: 10_000 });
    expect(audit.verification.ok).toBe(true);
    expect(audit.entries.filter((e) => e.action === 'import')).toHaveLength(2);
  });
});
