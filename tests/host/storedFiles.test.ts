// The pixel routes for photos and NIfTI volumes (/files/images/<id>, /files/volumes/<id>) on both hosts:
// the stored bytes with the right type to the token holder, and the same refusals as /files/instances.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../src-main/host/browserHost';
import { createWorkstationService, type WorkstationService } from '../../src-main/services/createWorkstationService';
import { storedFilePath } from '../../src-main/services/instanceFiles';
import { httpRequest } from '../helpers/httpRequest';
import { sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';

// appProtocol imports 'electron' for registration only; the request handler under test needs none of it.
vi.mock('electron', () => ({ protocol: {} }));
const { createAppRequestHandler } = await import('../../src-main/electron/appProtocol');

const PHOTO = sharedData('dermoscopy', 'ISIC_0000000.jpg');
const NIFTI = sharedData('nifti', 'anatomical.nii');
const CT = sharedData('ct', 'CT_small.dcm');

let tmp: ReturnType<typeof makeTempDir>;
let service: WorkstationService;
let host: BrowserHost;
let cookie: string;
const ids = { image: 0, volume: 0, instance: 0 };

beforeAll(async () => {
  tmp = makeTempDir('stored-files');
  const rendererDir = path.join(tmp.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>QoQ</title>');
  service = createWorkstationService({ dataDir: path.join(tmp.dir, 'data'), actor: 'test', workers: 1 });
  host = await startBrowserHost({ service, rendererDir });
  cookie = `qoq_token=${host.token}`;
  const report = await service.api.importPaths({ paths: [PHOTO, NIFTI, CT] });
  expect(report.rejected).toEqual([]);
  for (const studyId of report.studyIds) {
    for (const s of (await service.api.getStudy({ studyId })).series) {
      ids.image ||= s.images[0]?.id ?? 0;
      ids.volume ||= s.volumes[0]?.id ?? 0;
      ids.instance ||= s.instances[0]?.id ?? 0;
    }
  }
  expect(Object.values(ids).every((id) => id > 0)).toBe(true);
});

afterAll(async () => {
  await host.close();
  await service.close();
  tmp.cleanup();
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function getBytes(pathname: string, headers: Record<string, string> = { cookie }) {
  const res = await fetch(host.origin + pathname, { headers });
  return { status: res.status, type: res.headers.get('content-type'), headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('GET /files/images/<id> and /files/volumes/<id> (browser host)', () => {
  it('serves the stored photo and NIfTI bytes with their types', async () => {
    const photo = await getBytes(`/files/images/${ids.image}`);
    expect(photo.status).toBe(200);
    expect(photo.type).toBe('image/jpeg');
    expect(photo.headers.get('cache-control')).toBe('no-store');
    expect(photo.headers.get('x-content-type-options')).toBe('nosniff');
    expect(sha256(photo.bytes)).toBe(sha256(readFileSync(PHOTO)));
    const volume = await getBytes(`/files/volumes/${ids.volume}`);
    expect(volume.status).toBe(200);
    expect(volume.type).toBe('application/octet-stream');
    expect(sha256(volume.bytes)).toBe(sha256(readFileSync(NIFTI)));
    // The instance route still answers the same way.
    const instance = await getBytes(`/files/instances/${ids.instance}`);
    expect(instance.type).toBe('application/dicom');
    expect(sha256(instance.bytes)).toBe(sha256(readFileSync(CT)));
  });

  it('refuses without the token', async () => {
    for (const p of [`/files/images/${ids.image}`, `/files/volumes/${ids.volume}`]) {
      expect((await getBytes(p, {})).status, p).toBe(401);
      expect((await getBytes(p, { cookie: 'qoq_token=wrong' })).status, p).toBe(401);
    }
  });

  it('answers 404 for unknown ids, ids of another kind and anything that is not exactly an id', async () => {
    const paths = ['/files/images/999999', '/files/volumes/999999', '/files/images/0', '/files/images/-1', '/files/images/1.0',
      '/files/images/abc', '/files/images/', '/files/volumes/%31', `/files/images/${ids.image}/x`, '/files/other/1', '/files/',
      '/files/images/99999999999999999999'];
    // A photo id asked for as a volume (and the reverse) is not that volume, unless the ids collide.
    if (ids.image !== ids.volume) paths.push(`/files/volumes/${ids.image}`, `/files/images/${ids.volume}`);
    for (const p of paths) {
      const res = await httpRequest(host.origin, { path: p, headers: { cookie } });
      expect(res.status, p).toBe(404);
    }
  });

  it('never serves a path that is not a stored file', async () => {
    const dbFile = path.join(service.dataDir, 'workstation.db');
    for (const p of [
      `/files/images/${ids.image}/../../workstation.db`,
      `/files/volumes/..%2f..%2f${encodeURIComponent(dbFile)}`,
      `/files/images/${encodeURIComponent(PHOTO)}`,
    ]) {
      const res = await httpRequest(host.origin, { path: p, headers: { cookie } });
      expect(res.status, p).toBeGreaterThanOrEqual(400);
      expect(res.body, p).not.toContain('SQLite format');
    }
  });
});

describe('storedFilePath', () => {
  it('returns only recorded files inside objects/, with the type of their format', () => {
    const objectsDir = path.join(service.dataDir, 'objects');
    const outside = path.join(tmp.dir, 'outside.png');
    writeFileSync(outside, 'not a stored object');
    const planted = path.join(objectsDir, 'planted.png');
    symlinkSync(outside, planted);
    const stored = service.getStoredFile('images', ids.image);
    expect(stored?.contentType).toBe('image/jpeg');
    const store = (p: string, format = 'png') => ({ getStoredFile: () => ({ path: p, size: 1, format }) });
    expect(storedFilePath(store(stored?.path ?? ''), objectsDir, 'images', 7)?.contentType).toBe('image/png');
    expect(storedFilePath(store(stored?.path ?? '', 'tiff'), objectsDir, 'images', 7)?.contentType).toBe('image/tiff');
    expect(storedFilePath(store(outside), objectsDir, 'images', 7)).toBeUndefined(); // tampered row
    expect(storedFilePath(store(planted), objectsDir, 'images', 7)).toBeUndefined(); // symlink out of the store
    expect(storedFilePath(store(objectsDir), objectsDir, 'volumes', 7)).toBeUndefined(); // a folder
    expect(storedFilePath(store(stored?.path ?? ''), objectsDir, 'images', 0)).toBeUndefined();
    expect(storedFilePath({ getStoredFile: () => undefined }, objectsDir, 'images', 7)).toBeUndefined();
    expect(service.getStoredFile('volumes', 999999)).toBeUndefined();
  });
});

describe('app://workstation/files/images|volumes/<id> (Electron)', () => {
  it('serves photos and volumes through the app:// handler with the CSP, and 404s everything else', async () => {
    const handle = createAppRequestHandler(
      path.join(tmp.dir, 'renderer'),
      (id) => service.getInstancePath(id),
      (kind, id) => service.getStoredFile(kind, id),
    );
    const photo = await handle({ url: `app://workstation/files/images/${ids.image}`, method: 'GET' });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(photo.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(sha256(Buffer.from(await photo.arrayBuffer()))).toBe(sha256(readFileSync(PHOTO)));
    const volume = await handle({ url: `app://workstation/files/volumes/${ids.volume}`, method: 'GET' });
    expect(sha256(Buffer.from(await volume.arrayBuffer()))).toBe(sha256(readFileSync(NIFTI)));
    for (const url of ['app://workstation/files/images/999999', 'app://workstation/files/volumes/..%2fx',
      `app://workstation/files/images/${ids.image}/../../workstation.db`]) {
      expect((await handle({ url, method: 'GET' })).status, url).toBe(404);
    }
    const withoutLookup = createAppRequestHandler(path.join(tmp.dir, 'renderer'), (id) => service.getInstancePath(id));
    expect((await withoutLookup({ url: `app://workstation/files/images/${ids.image}`, method: 'GET' })).status).toBe(404);
  });
});
