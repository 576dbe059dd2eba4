// Builds the baseline page (bench/viewer/plain) and serves it on loopback. Built with Vite, the bundler
// the app uses, so the plain page gets the same decode worker and codec .wasm handling; served with the
// same security headers as the browser host (COOP/COEP make both pages cross-origin isolated, which
// changes what cornerstone allocates: SharedArrayBuffer volumes) and the pixel route answered by the
// same store lookup and headers as the host's, so only the page differs between the two sides.
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../../src-main/electron/contentSecurityPolicy';
import { INSTANCE_FILE_PREFIX, instanceFileHeaders, parseInstanceFileId } from '../../src-main/electron/instanceFileRoute';
import { mimeTypeFor } from '../../src-main/electron/mimeTypes';

const PLAIN_SOURCE = path.join(import.meta.dirname, 'plain');

/** Bundles the plain page into `outDir` (production build, like out/renderer). */
export async function buildPlainPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: PLAIN_SOURCE,
    base: '/',
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
}

export interface PlainServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves `bundleDir` and `/files/instances/<id>` (via `instancePath`) on 127.0.0.1. */
export async function servePlainPage(bundleDir: string, instancePath: (id: number) => string | undefined): Promise<PlainServer> {
  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (pathname.startsWith(INSTANCE_FILE_PREFIX)) {
      const id = parseInstanceFileId(pathname);
      const filePath = id === undefined ? undefined : instancePath(id);
      if (filePath === undefined) return void res.writeHead(404).end();
      res.writeHead(200, { ...instanceFileHeaders(statSync(filePath).size), 'X-Content-Type-Options': 'nosniff' });
      return void createReadStream(filePath).pipe(res);
    }
    // Bench-only server over a temp folder: a plain join with a containment check is enough.
    const filePath = path.join(bundleDir, pathname === '/' ? 'index.html' : pathname);
    if (!filePath.startsWith(bundleDir + path.sep) || !existsSync(filePath) || !statSync(filePath).isFile()) {
      return void res.writeHead(404).end();
    }
    res.writeHead(200, {
      'Content-Type': mimeTypeFor(filePath),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    });
    createReadStream(filePath).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
