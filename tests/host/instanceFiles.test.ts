import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../src-main/host/browserHost';
import { createWorkstationService, type WorkstationService } from '../../src-main/services/createWorkstationService';
import { storedInstancePath } from '../../src-main/services/instanceFiles';
import { httpRequest } from '../helpers/httpRequest';
import { sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';

// appProtocol imports 'electron' for registration only; the request handler under test needs none of it.
vi.mock('electron', () => ({ protocol: {} }));
const { createAppRequestHandler } = await import('../../src-main/electron/appProtocol');

let tmp: ReturnType<typeof makeTempDir>;
let service: WorkstationService;
let host: BrowserHost;
let cookie: string;
let instanceId: number;
let storedPath: string;
const source = sharedData('ct', 'CT_small.dcm');

beforeAll(async () => {
  tmp = makeTempDir('instance-files');
  const rendererDir = path.join(tmp.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>QoQ</title>');
  service = createWorkstationService({ dataDir: path.join(tmp.dir, 'data'), actor: 'test', workers: 1 });
  host = await startBrowserHost({ service, rendererDir });
  cookie = `qoq_token=${host.token}`;
  const report = await service.api.importPaths({ paths: [source] });
  const detail = await service.api.getStudy({ studyId: report.studyIds[0] ?? -1 });
  const instance = detail.series[0]?.instances[0];
  if (!instance) throw new Error('CT_small.dcm did not import as an instance');
  instanceId = instance.id;
  storedPath = instance.path;
});

afterAll(async () => {
  await host.close();
  await service.close();
  tmp.cleanup();
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** GET returning the body as bytes (httpRequest decodes UTF-8, which would mangle DICOM). */
async function getBytes(pathname: string, headers: Record<string, string> = { cookie }) {
  const res = await fetch(host.origin + pathname, { headers });
  return { status: res.status, type: res.headers.get('content-type'), headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('GET /files/instances/<id> (browser host)', () => {
  it('serves the stored DICOM bytes of an instance to the token holder', async () => {
    const res = await getBytes(`/files/instances/${instanceId}`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/dicom');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(sha256(res.bytes)).toBe(sha256(readFileSync(source)));
    expect(res.bytes.subarray(128, 132).toString('latin1')).toBe('DICM');
  });

  it('refuses without the token or with a wrong one', async () => {
    expect((await getBytes(`/files/instances/${instanceId}`, {})).status).toBe(401);
    expect((await getBytes(`/files/instances/${instanceId}`, { cookie: 'qoq_token=wrong' })).status).toBe(401);
  });

  it('answers 404 for unknown ids and for anything that is not exactly an id', async () => {
    for (const p of ['/files/instances/999999', '/files/instances/0', '/files/instances/-1', '/files/instances/1.0',
      '/files/instances/abc', '/files/instances/', '/files/instances/%31', `/files/instances/${instanceId}/x`,
      '/files/instances/99999999999999999999']) {
      const res = await httpRequest(host.origin, { path: p, headers: { cookie } });
      expect(res.status, p).toBe(404);
    }
  });

  it('never serves a path that is not a stored instance file', async () => {
    const dbFile = path.join(service.dataDir, 'workstation.db');
    for (const p of [
      `/files/instances/${instanceId}/../../workstation.db`,
      `/files/instances/..%2f..%2f${encodeURIComponent(dbFile)}`,
      `/files/instances/${encodeURIComponent(storedPath)}`,
    ]) {
      const res = await httpRequest(host.origin, { path: p, headers: { cookie } });
      expect(res.status, p).toBeGreaterThanOrEqual(400);
      expect(res.body, p).not.toContain('SQLite format');
      expect(res.body, p).not.toContain('DICM');
    }
  });
});

describe('storedInstancePath', () => {
  it('returns only paths recorded in the store that resolve inside objects/', () => {
    const objectsDir = path.join(service.dataDir, 'objects');
    const outside = path.join(tmp.dir, 'outside.dcm');
    writeFileSync(outside, 'not a stored object');
    const planted = path.join(objectsDir, 'planted.dcm');
    symlinkSync(outside, planted);
    const store = (p: string) => ({ getInstanceFile: () => ({ path: p, size: 1 }) });
    expect(storedInstancePath(store(storedPath), objectsDir, 7)).toBeDefined();
    expect(storedInstancePath(store(outside), objectsDir, 7)).toBeUndefined(); // tampered row
    expect(storedInstancePath(store(planted), objectsDir, 7)).toBeUndefined(); // symlink out of the store
    expect(storedInstancePath(store(path.join(objectsDir, 'gone.dcm')), objectsDir, 7)).toBeUndefined();
    expect(storedInstancePath(store(objectsDir), objectsDir, 7)).toBeUndefined(); // a folder
    expect(storedInstancePath({ getInstanceFile: () => undefined }, objectsDir, 7)).toBeUndefined();
    expect(service.getInstancePath(instanceId)).toBe(storedPath);
    expect(service.getInstancePath(999999)).toBeUndefined();
  });
});

describe('app://workstation/files/instances/<id> (Electron)', () => {
  it('serves stored instances through the app:// handler and 404s everything else', async () => {
    const handle = createAppRequestHandler(path.join(tmp.dir, 'renderer'), (id) => service.getInstancePath(id));
    const ok = await handle({ url: `app://workstation/files/instances/${instanceId}`, method: 'GET' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/dicom');
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(sha256(Buffer.from(await ok.arrayBuffer()))).toBe(sha256(readFileSync(source)));
    for (const url of ['app://workstation/files/instances/999999', 'app://workstation/files/instances/..%2fx',
      `app://workstation/files/instances/${instanceId}/../../workstation.db`]) {
      expect((await handle({ url, method: 'GET' })).status, url).toBe(404);
    }
    const withoutLookup = createAppRequestHandler(path.join(tmp.dir, 'renderer'));
    expect((await withoutLookup({ url: `app://workstation/files/instances/${instanceId}`, method: 'GET' })).status).toBe(404);
  });
});
