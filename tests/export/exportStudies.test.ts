/**
 * `exportStudies` through the contract and `qoq export` as a user runs it: files written atomically inside
 * the output folder only, each audited (`export.written` with study, format, path, SHA-256, de-identified),
 * failures reported per study and format, exit statuses 0 / 1 / 2.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportResultSchema } from '../../src-main/contract/reviewSchemas';
import { dispatch } from '../../src-main/services/dispatch';
import { writeAtomic } from '../../src-main/export/writeAtomic';
import { sha256Hex } from '../../src-main/util/sha256';
import { repoRoot } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';
import { importFixture, type ExportFixture } from './exportFixture';
import { fhirErrors } from './validators';

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
