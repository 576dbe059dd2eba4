/**
 * The app:// scheme that serves the built renderer. Registered as privileged (standard + secure) so
 * pages get a real origin, a secure context (needed for WebAssembly streaming, crypto.subtle, workers)
 * and fetch support — without touching file://.
 */
import fs from 'node:fs';
import { promisify } from 'node:util';
import { protocol, type Protocol } from 'electron';
import { APP_SCHEME } from './appOrigin';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';
import { mimeTypeFor } from './mimeTypes';
import { resolveBundlePath } from './resolveBundlePath';

const readFile = promisify(fs.readFile);

/** Must run before app 'ready': Chromium fixes scheme privileges at start-up. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
    },
  ]);
}

/** Headers on every response, errors included, so no app:// document is ever without the CSP. */
function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

function refuse(status: number, reason: string): Response {
  return new Response(reason, { status, headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The request handler on its own, so tests can call it without Electron. */
export function createAppRequestHandler(rootDir: string): (request: Pick<Request, 'url' | 'method'>) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'method not allowed');
    const resolved = await resolveBundlePath(rootDir, request.url);
    if (!resolved.ok) return refuse(resolved.status, resolved.reason);
    const body = await readFile(resolved.filePath);
    const headers = { ...baseHeaders(), 'Content-Type': mimeTypeFor(resolved.filePath) };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}

/** Serves `rootDir` (out/renderer) on app:// for the given session's protocol registry. */
export function serveAppProtocol(sessionProtocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  sessionProtocol.handle(APP_SCHEME, createAppRequestHandler(rootDir));
}
