/**
 * The `qoq` command as a user runs it (bin/qoq.mjs in a child process): exit statuses, --json shapes,
 * --data-dir / QOQ_DATA_DIR, ZIP archives (including a hostile one), DICOMDIR, and the stored copy of a
 * file with an executable preamble.
 */
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeModelManifest } from '../../src-main/ml/package/writeModelPackage';
import { repoRoot, sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';
import { writeZip } from '../helpers/writeZip';

const tmp = makeTempDir('cli');
afterAll(() => tmp.cleanup());

function qoq(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'qoq.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, QOQ_USER: 'cli-test', ...env },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A ZIP of [name inside the archive, source file] pairs. */
function makeZip(zipPath: string, entries: [string, string][]): void {
  writeZip(zipPath, entries.map(([name, file]) => ({ name, file })));
}

describe('qoq CLI', () => {
  const store = path.join(tmp.dir, 'store');

  it('prints usage and exits 2 on usage errors', () => {
    expect(qoq([]).status).toBe(2);
    expect(qoq(['--help']).status).toBe(0);
    expect(qoq(['--help']).stdout).toContain('research use only');
    const unknown = qoq(['frobnicate', '--data-dir', store]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command');
    expect(qoq(['import', '--data-dir', store]).status).toBe(2);
    expect(qoq(['studies', '--domain', 'brain', '--data-dir', store]).status).toBe(2);
    expect(qoq(['studies', '--bogus-flag', '--data-dir', store]).status).toBe(2);
  });

  it('imports with --json, then skips what is already stored (exit 0)', () => {
    const first = qoq(['import', sharedData('ct', 'CT_small.dcm'), '--json', '--data-dir', store]);
    expect(first.status).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({ imported: 1, skipped: 0, rejected: [], countsByKind: { 'dicom:image': 1 } });
    const again = JSON.parse(qoq(['import', sharedData('ct', 'CT_small.dcm'), '--json', '--data-dir', store]).stdout);
    expect(again).toMatchObject({ imported: 0, skipped: 1, rejected: [] });
  });

  it('exits 1 when some files are rejected, importing the rest of the batch', () => {
    const r = qoq(['import', sharedData('malformed', 'truncated.jpg'), sharedData('mr', 'MR_small.dcm'), '--json', '--data-dir', store]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.imported).toBe(1);
    expect(report.rejected).toEqual([{ path: sharedData('malformed', 'truncated.jpg'), reason: expect.stringMatching(/truncated/) }]);
  });

  it('lists, shows and audits through QOQ_DATA_DIR as well as --data-dir', () => {
    const listed = JSON.parse(qoq(['studies', '--json'], { QOQ_DATA_DIR: store }).stdout);
    expect(listed.total).toBe(2);
    const ct = listed.studies.find((s: { modalities: string[] }) => s.modalities.includes('CT'));
    const shown = qoq(['show', ct.studyInstanceUid, '--json', '--data-dir', store]);
    expect(shown.status).toBe(0);
    expect(JSON.parse(shown.stdout).series[0].instances[0]).toMatchObject({ rows: 128, columns: 128, pixelState: 'ok' });
    const human = qoq(['show', String(ct.id), '--data-dir', store]);
    expect(human.stdout).toContain('128×128');
    expect(qoq(['show', '424242', '--data-dir', store]).status).toBe(1);
    const audit = JSON.parse(qoq(['audit', '--json', '--data-dir', store]).stdout);
    expect(audit.verification.ok).toBe(true);
    expect(audit.entries.map((e: { action: string }) => e.action)).toContain('import');
    expect(audit.entries[0].actor).toBe('cli-test');
  });

  it('imports ZIP archives and refuses one whose entry escapes the folder', () => {
    const good = path.join(tmp.dir, 'good.zip');
    makeZip(good, [['study/ct.dcm', sharedData('ct', 'CT1_UNC.explicit_little_endian.dcm')], ['README.txt', path.join(repoRoot, 'package.json')]]);
    const ok = JSON.parse(qoq(['import', good, '--json', '--data-dir', store]).stdout);
    expect(ok).toMatchObject({ imported: 1, rejected: [], notMedical: 1 });
    const evil = path.join(tmp.dir, 'evil.zip');
    makeZip(evil, [['../../evil.dcm', sharedData('ct', 'GH1308_ge_ct.dcm')]]);
    const refused = qoq(['import', evil, '--json', '--data-dir', store]);
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout).rejected[0].reason).toMatch(/ZIP/);
  });

  it('imports what a ZIP holds around an entry it cannot extract, naming each by archive and entry', () => {
    const mixed = path.join(tmp.dir, 'mixed.zip');
    writeZip(mixed, [
      { name: 'study/ct.dcm', file: sharedData('ct', 'CT_small.dcm') },
      { name: 'a', text: 'a file named a' },
      { name: 'a/b.dcm', file: sharedData('ct', 'GH1308_ge_ct.dcm') },
      { name: 'bad/truncated.jpg', file: sharedData('malformed', 'truncated.jpg') },
    ]);
    const dir = path.join(tmp.dir, 'mixed-store');
    const r = qoq(['import', mixed, '--json', '--data-dir', dir]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.imported).toBe(1);
    expect(report.rejected).toEqual([
      { path: `${mixed} → a/b.dcm`, reason: 'not extracted: the archive has a file and a folder of the same name on its path' },
      { path: `${mixed} → bad/truncated.jpg`, reason: expect.stringMatching(/^truncated: JPEG segment/) },
    ]);
    // The store records where the object came from, not the staging copy deleted after the import.
    const db = new Database(path.join(dir, 'qoq.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT original_path FROM files').pluck().all()).toEqual([`${mixed} → study/ct.dcm`]);
    } finally {
      db.close();
    }
  });

  it('imports the files a DICOMDIR references when given the DICOMDIR alone', () => {
    const r = JSON.parse(qoq(['import', sharedData('dicomdir', 'TINY_ALPHA', 'DICOMDIR'), '--json', '--data-dir', path.join(tmp.dir, 'dd')]).stdout);
    expect(r.rejected).toEqual([]);
    expect(r.imported + r.skipped).toBe(50); // TINY_ALPHA references IM000000..IM00001D
  });

  it('zeroes an executable (MZ) preamble in the stored copy and flags it', () => {
    const dir = path.join(tmp.dir, 'polyglot');
    mkdirSync(dir);
    const file = path.join(dir, 'polyglot.dcm');
    copyFileSync(sharedData('mr', 'MR_small.dcm'), file);
    const bytes = readFileSync(file);
    bytes.write('MZ\x90\x00', 0, 'latin1');
    writeFileSync(file, bytes);
    const dataDir = path.join(tmp.dir, 'poly-store');
    const report = JSON.parse(qoq(['import', file, '--json', '--data-dir', dataDir]).stdout);
    expect(report.imported).toBe(1);
    const study = JSON.parse(qoq(['studies', '--json', '--data-dir', dataDir]).stdout).studies[0];
    const instance = JSON.parse(qoq(['show', String(study.id), '--json', '--data-dir', dataDir]).stdout).series[0].instances[0];
    expect(instance.flags).toContain('suspicious-preamble');
    const stored = readFileSync(instance.path);
    expect([...stored.subarray(0, 128)].every((b) => b === 0)).toBe(true);
    expect(stored.subarray(128)).toEqual(bytes.subarray(128));
    expect(readFileSync(file).subarray(0, 2).toString('latin1')).toBe('MZ'); // the original is untouched
  });

  it('lists model packages with their verification status (exit 1 when one is refused)', async () => {
    const dataDir = path.join(tmp.dir, 'models-store');
    const pkg = path.join(dataDir, 'models', 'tiny');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(path.join(pkg, 'tokenizer.json'), '{}');
    await writeModelManifest(
      pkg,
      {
        format: 'qoq-model-package/1',
        name: 'tiny',
        version: '1.0.0',
        architecture: { family: 'qoq-med', decoder: {} },
        modalities: ['text'],
        specialTokens: { endOfText: 0, imStart: 1, imEnd: 2, visionStart: 3, visionEnd: 4, imagePad: 5, timeSeriesPad: 6 },
        chatTemplate: { kind: 'qwen2-vl', defaultSystem: 'You are a helpful assistant.' },
        preprocessing: { minPixels: 3136, maxPixels: 200704, maxImages: 4, ecgSampleRateHz: 500, ecgWindowSamples: 2500, ctWindow: { center: 80, width: 700 }, volumeSlices: { strategy: 'evenly-spaced', count: 2 } },
        generation: { eosTokenIds: [2], maxNewTokens: 16, temperature: 0, topP: 1, topK: 0, repetitionPenalty: 1 },
        intendedUse: 'test only',
        lineage: { baseModel: null, trainingData: null, recipe: null, metrics: null, createdUtc: '2026-11-25T00:00:00Z' },
      },
      [{ path: 'tokenizer.json', role: 'tokenizer' }],
    );
    const ok = qoq(['models', '--json', '--data-dir', dataDir]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).models.find((m: { name: string }) => m.name === 'tiny')).toMatchObject({ verified: true, version: '1.0.0' });
    writeFileSync(path.join(pkg, 'tokenizer.json'), '{"x":1}');
    const refused = qoq(['models', '--data-dir', dataDir]);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/REFUSED.*tokenizer\.json/);
  });

  it('prints GRPO and DRPO advantages for recorded steps (qoq advantages)', () => {
    // One batch, two domains: cxr (rewards 1,0,0,1,1) and ecg (1,0,0,0,0). Worked from the reference (§4):
    const eps = 1e-6;
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const stdUnbiased = (v: number[]) => Math.sqrt(v.reduce((a, x) => a + (x - mean(v)) ** 2, 0) / (v.length - 1));
    const cxr = [1, 0, 0, 1, 1];
    const ecg = [1, 0, 0, 0, 0];
    const grpo = (v: number[]) => v.map((r) => (r - mean(v)) / (stdUnbiased(v) + eps)); // std_cxr = √0.3, std_ecg = √0.2
    // One question per domain: K = 1, N_c = N_d = 1, μ_c = μ_d = mean reward (0.6 and 0.2), so the divisor
    // T_d · √N_c·μ_c = μ² (0.36 and 0.04); then every advantage is divided by the batch's unbiased std + ε.
    const scaled = [...grpo(cxr).map((a) => a / 0.36), ...grpo(ecg).map((a) => a / 0.04)];
    const expectedDrpo = scaled.map((a) => a / (stdUnbiased(scaled) + eps));
    const file = path.join(tmp.dir, 'steps.json');
    writeFileSync(file, JSON.stringify({ steps: [{ question: ['q1', 'q1', 'q1', 'q1', 'q1', 'q2', 'q2', 'q2', 'q2', 'q2'], domain: [...Array(5).fill('cxr'), ...Array(5).fill('ecg')], reward: [...cxr, ...ecg] }] }));
    const r = qoq(['advantages', '--in', file]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { grpo: number[][]; drpo: number[][] };
    [...grpo(cxr), ...grpo(ecg)].forEach((a, i) => expect(out.grpo[0]![i]).toBeCloseTo(a, 9));
    expectedDrpo.forEach((a, i) => expect(out.drpo[0]![i]).toBeCloseTo(a, 9));
    expect(out.drpo[0]![5]! / out.grpo[0]![5]!).not.toBeCloseTo(out.drpo[0]![0]! / out.grpo[0]![0]!, 2); // the rare, hard domain is scaled up
    writeFileSync(file, JSON.stringify({ steps: [{ question: ['q'], domain: [], reward: [1] }] }));
    expect(qoq(['advantages', '--in', file]).stderr).toMatch(/one entry per sampled response/);
    expect(qoq(['advantages']).status).toBe(2);
  });

  it('refuses a port out of range as a usage error, and names a port in use instead of a stack trace', async () => {
    const bad = qoq(['serve', '--port', '99999', '--data-dir', store]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--port must be a TCP port, 0–65535');
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as net.AddressInfo).port;
      const busy = qoq(['serve', '--port', String(port), '--data-dir', store]);
      expect(busy.status).toBe(1);
      expect(busy.stderr).toBe(`qoq: port ${port} on 127.0.0.1 is in use (another qoq serve?): choose another with --port, or leave --port out for a free one\n`);
    } finally {
      taken.close();
    }
  });

  it('names the store it could not open, and why', () => {
    const dir = path.join(tmp.dir, 'not-a-store');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'qoq.sqlite'), 'these bytes are not a SQLite database, whatever the name says');
    const r = qoq(['studies', '--data-dir', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`qoq: cannot open the store in ${dir}: file is not a database\n`);
  });

  it('answers a bad output folder of a store-less command with a message, never a stack trace', () => {
    const file = path.join(tmp.dir, 'lab-is-a-file');
    writeFileSync(file, 'x');
    const onFile = qoq(['lab', '--out', file]);
    expect(onFile.status).toBe(2);
    expect(onFile.stderr).toContain(`qoq: --out ${file} is a file, not a folder`);
    const under = qoq(['lab', '--out', path.join(file, 'lab')]);
    expect(under.status).toBe(1);
    expect(under.stderr).toMatch(/^qoq: ENOTDIR: not a directory, mkdir .*\n$/);
    expect(under.stderr).not.toContain('    at ');
  });

  it('holds command-line input to the service contract, as the UI’s hosts do', () => {
    // The contract caps clinical text at 8,000 characters; unchecked, 100,000 reached the model and
    // ONNX Runtime asked for 47 GB of attention.
    const r = qoq(['analyze', '1', '--clinical', 'cough '.repeat(2000), '--data-dir', store]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('qoq: invalid input for analyzeStudy: clinicalText:');
  });
});
