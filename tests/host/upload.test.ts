// POST /api/upload of the loopback browser host: dropped files' bytes imported through importPaths.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../src-main/host/browserHost';
import { createWorkstationService, type WorkstationService } from '../../src-main/services/createWorkstationService';
import { httpRequest } from '../helpers/httpRequest';
import { sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';
import { writeZip } from '../helpers/writeZip';

const CT = sharedData('ct', 'GH1308_ge_ct.dcm');
const TRUNCATED = sharedData('malformed', 'MR_truncated.dcm');
/** Small enough that a 2-file upload of the CT (~0.5 MB each) is refused, large enough for one. */
const MAX_BYTES = 800_000;

let tmp: ReturnType<typeof makeTempDir>;
let dataDir: string;
let service: WorkstationService;
let host: BrowserHost;
let cookie: string;

beforeAll(async () => {
  tmp = makeTempDir('upload');
  dataDir = path.join(tmp.dir, 'data');
  service = createWorkstationService({ dataDir, actor: 'test', workers: 1 });
  host = await startBrowserHost({ service, rendererDir: path.join(tmp.dir, 'renderer'), uploadLimits: { maxBytes: MAX_BYTES } });
  cookie = `qoq_token=${host.token}`;
});

afterAll(async () => {
  await host.close();
  await service.close();
  tmp.cleanup();
});

/** multipart/form-data by hand, so a hostile file name reaches the server exactly as written. */
function multipart(files: Array<{ name: string; bytes: Buffer }>): { body: Buffer; contentType: string } {
  const boundary = '----qoqTestBoundary7MA4YWxkTrZu0gW';
  const parts = files.flatMap(({ name, bytes }) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from('\r\n'),
  ]);
  return { body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(files: Array<{ name: string; bytes: Buffer }>, headers: Record<string, string> = { cookie }) {
  const { body, contentType } = multipart(files);
  const res = await fetch(`${host.origin}/api/upload`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
  return { status: res.status, body: (await res.json()) as { ok: boolean; result?: Record<string, unknown>; error?: { message: string } } };
}

/** files.original_path of every stored file, read beside the running service (WAL allows it). */
function originalPaths(): string[] {
  const db = new Database(path.join(dataDir, 'qoq.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT original_path FROM files ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
}

const uploadsLeft = () => (existsSync(path.join(dataDir, 'uploads')) ? readdirSync(path.join(dataDir, 'uploads')) : []);

describe('browser host upload route', () => {
  it('imports an uploaded DICOM file, audits it, removes the staging folder; the same bytes again are skipped', async () => {
    const bytes = readFileSync(CT);
    const first = await upload([{ name: 'GH1308_ge_ct.dcm', bytes }]);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.result).toMatchObject({ imported: 1, skipped: 0, rejected: [] });
    const studyIds = first.body.result?.studyIds as number[];
    expect(studyIds).toHaveLength(1);
    const { studies } = await service.api.listStudies({});
    expect(studies.map((s) => s.id)).toEqual(studyIds);
    expect(uploadsLeft()).toEqual([]);
    const { entries } = await service.api.auditLog({});
    const imports = entries.filter((e) => e.action === 'import');
    expect(imports).toHaveLength(1);
    // The entry names what the user uploaded, not the staging folder that no longer exists.
    expect(imports[0]!.details).toMatchObject({ source: 'upload', fileCount: 1, names: ['GH1308_ge_ct.dcm'], imported: 1 });
    expect(JSON.stringify(imports[0]!.details)).not.toContain(path.join(dataDir, 'uploads'));
    // So does the stored file's provenance.
    expect(originalPaths()).toEqual(['GH1308_ge_ct.dcm']);

    const again = await upload([{ name: 'renamed.dcm', bytes }]);
    expect(again.status).toBe(200);
    expect(again.body.result).toMatchObject({ imported: 0, skipped: 1 });
    expect((await service.api.listStudies({})).total).toBe(1);
    expect(uploadsLeft()).toEqual([]);
  });

  it('refuses an upload without the token or from another origin, and writes nothing', async () => {
    const file = [{ name: 'a.dcm', bytes: readFileSync(CT) }];
    expect((await upload(file, {})).status).toBe(401);
    expect((await upload(file, { cookie: 'qoq_token=wrong' })).status).toBe(401);
    expect((await upload(file, { cookie, origin: 'http://evil.example' })).status).toBe(403);
    expect(uploadsLeft()).toEqual([]);
  });

  it('refuses a body over the size limit with 413 and a message saying so', async () => {
    const bytes = readFileSync(CT);
    expect(2 * bytes.length).toBeGreaterThan(MAX_BYTES);
    const res = await upload([{ name: 'a.dcm', bytes }, { name: 'b.dcm', bytes }]);
    expect(res.status).toBe(413);
    expect(res.body.error?.message).toMatch(/upload too large: at most 800000 bytes/);
    expect(uploadsLeft()).toEqual([]);
  });

  it('also refuses an oversized body sent without a Content-Length (chunked), counting as it reads', async () => {
    const bytes = readFileSync(CT);
    const { body, contentType } = multipart([{ name: 'a.dcm', bytes }, { name: 'b.dcm', bytes }]);
    const url = new URL(host.origin);
    const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, method: 'POST', path: '/api/upload', headers: { cookie, 'content-type': contentType, 'transfer-encoding': 'chunked' } }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.subarray(at, at + 64 * 1024));
      req.end();
    });
    expect(res.status).toBe(413);
    expect(res.text).toMatch(/upload too large/);
    expect(uploadsLeft()).toEqual([]);
  });

  it('refuses what is not multipart, or has no file parts', async () => {
    const json = await httpRequest(host.origin, { method: 'POST', path: '/api/upload', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    const empty = await upload([]);
    expect(empty.status).toBe(400);
    expect(empty.body.error?.message).toMatch(/no files/);
  });

  it('stores a name with path segments inside the staging folder and reports it by its uploaded name', async () => {
    const hostile = '../../x.dcm';
    const res = await upload([
      { name: hostile, bytes: readFileSync(TRUNCATED) },
      { name: '..\\..\\y.dcm', bytes: readFileSync(TRUNCATED).subarray(0, 200) },
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // Nothing escaped: neither above the uploads folder nor above the data folder.
    for (const dir of [dataDir, tmp.dir, path.join(dataDir, 'uploads', '..', '..')]) {
      expect(existsSync(path.join(dir, 'x.dcm')), dir).toBe(false);
      expect(existsSync(path.join(dir, 'y.dcm')), dir).toBe(false);
    }
    expect(uploadsLeft()).toEqual([]);
    const rejected = (res.body.result?.rejected ?? []) as Array<{ path: string; reason: string }>;
    expect(rejected.length).toBeGreaterThan(0);
    // Rejected files are named as uploaded, never by the server's staging path.
    for (const r of rejected) expect([hostile, '..\\..\\y.dcm']).toContain(r.path);
  });

  it('tells the page its limits on GET, to the token holder only', async () => {
    const res = await fetch(`${host.origin}/api/upload`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, result: { maxBytes: MAX_BYTES, maxFiles: 2000 } });
    expect((await fetch(`${host.origin}/api/upload`)).status).toBe(401);
  });

  it('names what an uploaded ZIP holds by the archive’s uploaded name and the entry', async () => {
    const zip = path.join(tmp.dir, 'cd.zip');
    writeZip(zip, [
      { name: 'DICOM/IM1', file: sharedData('ct', 'CT_small.dcm') },
      { name: 'DICOM/IM2', file: TRUNCATED, damaged: true },
    ]);
    const res = await upload([{ name: 'cd.zip', bytes: readFileSync(zip) }]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.result).toMatchObject({ imported: 1, rejected: [{ path: 'cd.zip → DICOM/IM2', reason: expect.stringMatching(/^not extracted: damaged data/) }] });
    expect(originalPaths()).toContain('cd.zip → DICOM/IM1');
    expect(uploadsLeft()).toEqual([]);
  });
});
