import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ protocol: { registerSchemesAsPrivileged: vi.fn() } }));
vi.mock('electron', () => ({ protocol: electron.protocol }));

const { createAppRequestHandler, registerAppScheme, serveAppProtocol } = await import(
  '../../src-main/electron/appProtocol'
);
const { CONTENT_SECURITY_POLICY } = await import('../../src-main/electron/contentSecurityPolicy');

let base: string;
let root: string;
let handle: ReturnType<typeof createAppRequestHandler>;
const get = (url: string) => handle({ url, method: 'GET' });

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'qoq-appProtocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>qoq</title>');
  writeFileSync(path.join(root, 'assets', 'codec.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  writeFileSync(path.join(root, 'assets', 'worker.mjs'), 'export {}');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(base, 'secret.txt'), 'TOP-SECRET-CONTENT');
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'escape.txt'));
  symlinkSync(base, path.join(root, 'escape-dir'));
  handle = createAppRequestHandler(root);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// scheme registration', () => {
  it('registers app as a privileged standard + secure scheme', () => {
    registerAppScheme();
    const [schemes] = electron.protocol.registerSchemesAsPrivileged.mock.calls[0] as [
      Array<{ scheme: string; privileges: Record<string, boolean> }>,
    ];
    expect(schemes[0]?.scheme).toBe('app');
    expect(schemes[0]?.privileges).toMatchObject({ standard: true, secure: true });
  });

  it('installs the handler on the given session protocol', () => {
    const sessionProtocol = { handle: vi.fn() };
    serveAppProtocol(sessionProtocol, root);
    expect(sessionProtocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});

describe('app:// request handler', () => {
  it('serves index.html with the CSP header', async () => {
    const response = await get('app://workstation/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>qoq</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends the required CSP directives', () => {
    for (const directive of [
      "default-src 'none'",
      "script-src 'self' 'wasm-unsafe-eval'",
      "worker-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive);
    }
  });

  it('serves / as index.html', async () => {
    expect((await get('app://workstation/')).status).toBe(200);
  });

  it.each([
    ['assets/codec.wasm', 'application/wasm'],
    ['assets/worker.mjs', 'text/javascript; charset=utf-8'],
    ['assets/app.js', 'text/javascript; charset=utf-8'],
  ])('serves %s as %s', async (file, type) => {
    const response = await get(`app://workstation/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
  });

  it.each([
    'app://workstation/../secret.txt',
    'app://workstation/assets/../../secret.txt',
    'app://workstation/%2e%2e/secret.txt',
    'app://workstation/%2E%2E%2Fsecret.txt',
    'app://workstation/assets/..%2f..%2fsecret.txt',
    'app://workstation/..%5csecret.txt',
    'app://workstation//etc/passwd',
    'app://workstation/%2Fetc%2Fpasswd',
    'app://workstation/C:%5CWindows%5Cwin.ini',
    'app://workstation/index.html%00.png',
    'app://workstation/escape.txt',
    'app://workstation/escape-dir/secret.txt',
    'app://evil/index.html',
    'file:///etc/passwd',
  ])('refuses %s with 403 (and still sends the CSP)', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('TOP-SECRET-CONTENT');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers 404 for a missing file and for a folder', async () => {
    expect((await get('app://workstation/nope.js')).status).toBe(404);
    expect((await get('app://workstation/assets')).status).toBe(404);
  });

  it('answers 400 for broken percent-encoding', async () => {
    expect((await get('app://workstation/%E0%A4%A')).status).toBe(400);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await handle({ url: 'app://workstation/index.html', method: 'POST' })).status).toBe(405);
  });
});
