import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../src-main/host/browserHost';
import { createWorkstationService, type WorkstationService } from '../../src-main/services/createWorkstationService';
import { httpRequest } from '../helpers/httpRequest';
import { sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let service: WorkstationService;
let host: BrowserHost;
let cookie: string;

beforeAll(async () => {
  tmp = makeTempDir('host');
  const rendererDir = path.join(tmp.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>QoQ</title>');
  writeFileSync(path.join(tmp.dir, 'secret.txt'), 'outside the bundle');
  service = createWorkstationService({ dataDir: path.join(tmp.dir, 'data'), actor: 'test', workers: 1 });
  host = await startBrowserHost({ service, rendererDir });
  cookie = `qoq_token=${host.token}`;
});

afterAll(async () => {
  await host.close();
  await service.close();
  tmp.cleanup();
});

const api = (op: string, body: unknown, headers: Record<string, string> = {}) =>
  httpRequest(host.origin, {
    method: 'POST',
    path: `/api/${op}`,
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: JSON.stringify(body),
  });

describe('browser host', () => {
  it('listens on the loopback address only', () => {
    expect(new URL(host.origin).hostname).toBe('127.0.0.1');
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits, base64url
  });

  it('exchanges the launch token for an HttpOnly SameSite=Strict cookie', async () => {
    const bad = await httpRequest(host.origin, { path: '/?token=not-the-token' });
    expect(bad.status).toBe(403);
    const good = await httpRequest(host.origin, { path: new URL(host.launchUrl).pathname + new URL(host.launchUrl).search });
    expect(good.status).toBe(303);
    expect(good.headers['set-cookie']?.[0]).toMatch(/^qoq_token=.+; HttpOnly; SameSite=Strict; Path=\/$/);
  });

  it('serves the UI only with the token, with a CSP header, and nothing outside the bundle', async () => {
    expect((await httpRequest(host.origin, { path: '/index.html' })).status).toBe(401);
    const page = await httpRequest(host.origin, { path: '/index.html', headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>QoQ</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const res = await httpRequest(host.origin, { path: p, headers: { cookie } });
      expect(res.status, p).toBe(403);
      expect(res.body).not.toContain('outside the bundle');
    }
  });

  it('refuses API calls without the token, from another origin, or with a forged Host', async () => {
    expect((await api('listStudies', {}, { cookie: 'qoq_token=wrong' })).status).toBe(401);
    expect((await api('listStudies', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('listStudies', {}, { host: `rebind.example:${new URL(host.origin).port}` })).status).toBe(421);
    const form = await httpRequest(host.origin, { method: 'POST', path: '/api/listStudies', headers: { cookie, 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
  });

  it('validates operations and inputs against the contract', async () => {
    const unknown = await api('dropDatabase', {});
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).error.message).toMatch(/unknown operation/);
    const invalid = await api('getStudy', { studyId: 'one' });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error.message).toMatch(/studyId/);
    const extra = await api('listStudies', { sql: 'drop table studies' });
    expect(extra.status).toBe(400);
    const missing = await api('getStudy', { studyId: 999 });
    expect(missing.status).toBe(404);
    const big = await api('listStudies', { text: 'x'.repeat(2 << 20) });
    expect(big.status).toBe(413);
  });

  it('serves the contract and streams progress events', async () => {
    const events: { event: string; payload: { phase: string } }[] = [];
    const stream = await new Promise<http.IncomingMessage>((resolve) => {
      const u = new URL(host.origin);
      http.get({ host: u.hostname, port: u.port, path: '/api/events', headers: { cookie } }, resolve);
    });
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (let i = buffered.indexOf('\n\n'); i >= 0; i = buffered.indexOf('\n\n')) {
        const frame = buffered.slice(0, i);
        buffered = buffered.slice(i + 2);
        if (frame.startsWith('data: ')) events.push(JSON.parse(frame.slice(6)));
      }
    });
    const imported = await api('importPaths', { paths: [sharedData('ct', 'CT_small.dcm')] });
    expect(imported.status).toBe(200);
    const report = JSON.parse(imported.body).result;
    expect(report.imported).toBe(1);
    const listed = JSON.parse((await api('listStudies', {})).body).result;
    expect(listed.total).toBe(1);
    expect(listed.studies[0].modalities).toEqual(['CT']);
    // The reader's early first-slice lookup is served like every other operation: its one CT image.
    const study = JSON.parse((await api('getStudy', { studyId: listed.studies[0].id })).body).result;
    const first = await api('getFirstImage', { studyId: listed.studies[0].id });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body).result).toEqual({
      seriesId: study.series[0].id,
      view: 'stack',
      instance: { id: study.series[0].instances[0].id, frames: study.series[0].instances[0].frames },
    });
    await new Promise((r) => setTimeout(r, 100));
    stream.destroy();
    expect(events.map((e) => e.event)).toContain('importProgress');
    expect(events.at(-1)?.payload.phase).toBe('done');
  });
});
