/**
 * `exportStudies` through the contract and `qoq export` as a user runs it: files written atomically inside
 * the output folder only, each audited (`export.written` with study, format, path, SHA-256, de-identified),
 * failures reported per study and format, exit statuses 0 / 1 / 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportResultSchema } from '../../src-main/contract/reviewSchemas';
import { dispatch } from '../../src-main/services/dispatch';
import { writeAtomic } from '../../src-main/export/writeAtomic';
import { createDefaultExportFolder, EXPORTS_FOLDER } from '../../src-main/services/exportStudies';
import { sha256Hex } from '../../src-main/util/sha256';
import { repoRoot } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';
import { importFixture, type ExportFixture } from './exportFixture';
import { fhirErrors } from '../helpers/exportValidators';

let fx: ExportFixture;
const tmp = makeTempDir('export-op');

beforeAll(async () => {
  fx = await importFixture('export-op');
}, 120_000);
afterAll(async () => {
  await fx.cleanup();
  tmp.cleanup();
});

function qoq(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'qoq.mjs'), ...args, '--data-dir', fx.dataDir], {
    encoding: 'utf8',
    env: { ...process.env, QOQ_USER: 'cli-test' },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('exportStudies (contract operation)', () => {
  it('writes every format of every study, audited with path, SHA-256 and the de-identification flag', async () => {
    const outDir = path.join(tmp.dir, 'op');
    const result = ExportResultSchema.parse(await dispatch(fx.service.api, 'exportStudies', { studyIds: [fx.ct.study.id, fx.photo.study.id], formats: ['pdf', 'sr', 'fhir', 'json'], deidentify: true, outDir }));
    expect(result.failed).toEqual([]);
    expect(result.files).toHaveLength(8);
    for (const f of result.files) {
      expect(path.dirname(f.path)).toBe(outDir);
      expect(sha256Hex(readFileSync(f.path))).toBe(f.sha256);
    }
    // Atomic writes leave no temporary files behind.
    expect(readdirSync(outDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const { entries } = await fx.service.api.auditLog({ limit: 100 });
    const written = entries.filter((e) => e.action === 'export.written');
    expect(written).toHaveLength(8);
    for (const f of result.files) {
      expect(written.map((e) => e.details)).toContainEqual({ studyId: f.studyId, format: f.format, path: f.path, sha256: f.sha256, deidentified: true });
    }
  });

  it('reports an unknown study per format and still writes the others (a study not yet reviewed exports too)', async () => {
    const result = await fx.service.api.exportStudies({ studyIds: [999, fx.photo.study.id], formats: ['json', 'fhir'], deidentify: false, outDir: path.join(tmp.dir, 'mixed') });
    expect(result.files.map((f) => [f.studyId, f.format])).toEqual([
      [fx.photo.study.id, 'json'],
      [fx.photo.study.id, 'fhir'],
    ]);
    expect(result.failed).toEqual([
      { studyId: 999, format: 'json', reason: 'no study with id 999' },
      { studyId: 999, format: 'fhir', reason: 'no study with id 999' },
    ]);
    const fhir = JSON.parse(readFileSync(result.files[1]!.path, 'utf8')) as object;
    expect(fhirErrors(fhir)).toEqual([]);
    const { entries } = await fx.service.api.auditLog({ limit: 20 });
    expect(entries.filter((e) => e.action === 'export.failed').map((e) => (e.details as { format: string }).format).sort()).toEqual(['fhir', 'json']);
  });

  it('says so when the chosen output folder is a file', async () => {
    const notAFolder = path.join(tmp.dir, 'report.txt');
    writeFileSync(notAFolder, 'a file where a folder was expected');
    const result = await fx.service.api.exportStudies({ studyIds: [fx.photo.study.id], formats: ['json'], deidentify: false, outDir: notAFolder });
    expect(result.files).toEqual([]);
    expect(result.failed).toEqual([
      { studyId: fx.photo.study.id, format: 'json', reason: `could not write: ${notAFolder} is a file, not a folder: choose a folder to export into` },
    ]);
    expect(readFileSync(notAFolder, 'utf8')).toBe('a file where a folder was expected');
  });

  it('without outDir writes into a new <dataDir>/exports/<UTC timestamp>-study-<id>/ folder per export', async () => {
    const request = { studyIds: [fx.photo.study.id], formats: ['json', 'fhir'], deidentify: true };
    const first = ExportResultSchema.parse(await dispatch(fx.service.api, 'exportStudies', request));
    const second = ExportResultSchema.parse(await dispatch(fx.service.api, 'exportStudies', request));
    expect(first.failed).toEqual([]);
    const root = path.join(fx.dataDir, EXPORTS_FOLDER);
    for (const result of [first, second]) {
      expect(result.files).toHaveLength(2);
      expect(path.dirname(result.outDir!)).toBe(root);
      expect(path.basename(result.outDir!)).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ-study-${fx.photo.study.id}(-\\d+)?$`));
      for (const f of result.files) {
        expect(path.dirname(f.path)).toBe(result.outDir);
        expect(sha256Hex(readFileSync(f.path))).toBe(f.sha256);
      }
    }
    // Two exports within the same second never share (or overwrite) a folder.
    expect(second.outDir).not.toBe(first.outDir);
    const { entries } = await fx.service.api.auditLog({ limit: 10 });
    const written = entries.filter((e) => e.action === 'export.written').map((e) => (e.details as { path: string }).path);
    for (const f of [...first.files, ...second.files]) expect(written).toContain(f.path);
  });

  it('a default export folder is new, timestamped in UTC, and never reached through a link', () => {
    const now = () => new Date('2026-01-02T03:04:05.678Z');
    const root = path.join(tmp.dir, 'default-root');
    const a = createDefaultExportFolder({ exportsRoot: root, now }, [7]);
    const b = createDefaultExportFolder({ exportsRoot: root, now }, [7]);
    expect(path.basename(a)).toBe('2026-01-02T03-04-05Z-study-7');
    expect(path.basename(b)).toBe('2026-01-02T03-04-05Z-study-7-1');
    expect(path.basename(createDefaultExportFolder({ exportsRoot: root, now }, [7, 8, 9]))).toBe('2026-01-02T03-04-05Z-studies-7+2');
    const elsewhere = path.join(tmp.dir, 'elsewhere');
    mkdirSync(elsewhere);
    const linked = path.join(tmp.dir, 'linked-root');
    symlinkSync(elsewhere, linked);
    expect(() => createDefaultExportFolder({ exportsRoot: linked, now }, [7])).toThrow(/is a link/);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(() => createDefaultExportFolder({ now }, [7])).toThrow(/no output folder/);
  });

  it('the contract refuses unknown formats and extra fields', async () => {
    await expect(dispatch(fx.service.api, 'exportStudies', { studyIds: [1], formats: ['docx'], deidentify: false, outDir: tmp.dir })).rejects.toThrow();
    await expect(dispatch(fx.service.api, 'exportStudies', { studyIds: [1], formats: ['pdf'], deidentify: false, outDir: tmp.dir, extra: 1 })).rejects.toThrow();
  });

  it('never writes outside the output folder', () => {
    expect(() => writeAtomic(tmp.dir, '../escape.json', new Uint8Array([1]))).toThrow(/outside the output folder/);
    expect(() => writeAtomic(tmp.dir, 'sub/escape.json', new Uint8Array([1]))).toThrow(/outside the output folder/);
  });
});

describe('qoq export', () => {
  // The service in this file holds the store open; the CLI opens it as a second connection (WAL).
  it('exits 0 when every file was written', () => {
    const out = path.join(tmp.dir, 'cli');
    const r = qoq(['export', '--studies', `${fx.ct.study.id},${fx.ct.study.studyInstanceUid}`, '--format', 'pdf,sr', '--deidentify', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 written, 0 failed');
    expect(readdirSync(out).sort()).toEqual([`study-${fx.ct.study.id}-deid.report.pdf`, `study-${fx.ct.study.id}-deid.sr.dcm`]);
  });

  it('exits 1 when some study failed, with the reason', () => {
    const r = qoq(['export', '--studies', `${fx.photo.study.id},no-such-study`, '--format', 'json', '--out', path.join(tmp.dir, 'cli1'), '--json']);
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout) as { files: unknown[]; failed: { reason: string }[] };
    expect(result.files).toHaveLength(1);
    expect(result.failed[0]!.reason).toContain('no-such-study');
  });

  it('exits 2 on usage errors', () => {
    expect(qoq(['export', '--studies', '1', '--format', 'docx', '--out', tmp.dir]).status).toBe(2);
    expect(qoq(['export', '--studies', '1', '--format', 'pdf']).status).toBe(2);
  });
});
