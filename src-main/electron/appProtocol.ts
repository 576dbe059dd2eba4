/**
 * The app:// scheme that serves the built renderer. Registered as privileged (standard + secure) so
 * pages get a real origin, a secure context (needed for WebAssembly streaming, crypto.subtle, workers)
 * and fetch support — without touching file://.
 */
import fs from 'node:fs';
import { promisify } from 'node:util';
import { protocol, type Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './appOrigin';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';
import { INSTANCE_FILE_PREFIX, instanceFileHeaders, parseInstanceFileId } from './instanceFileRoute';
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

/** Looks an instance id up in the store: the path of its stored file, or undefined. */
export type InstancePathLookup = (instanceId: number) => string | undefined;

const INSTANCE_URL_PREFIX = `${APP_SCHEME}://${APP_HOST}${INSTANCE_FILE_PREFIX}`;

/**
 * The request handler on its own, so tests can call it without Electron. With `instancePath`, the
 * viewer's pixel route app://workstation/files/instances/<id> serves stored DICOM files too.
 */
export function createAppRequestHandler(
  rootDir: string,
  instancePath?: InstancePathLookup,
): (request: Pick<Request, 'url' | 'method'>) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'method not allowed');
    if (request.url.toLowerCase().startsWith(INSTANCE_URL_PREFIX)) return serveInstance(request, instancePath);
    const resolved = await resolveBundlePath(rootDir, request.url);
    if (!resolved.ok) return refuse(resolved.status, resolved.reason);
    const body = await readFile(resolved.filePath);
    const headers = { ...baseHeaders(), 'Content-Type': mimeTypeFor(resolved.filePath) };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}

async function serveInstance(request: Pick<Request, 'url' | 'method'>, instancePath?: InstancePathLookup): Promise<Response> {
  const pathname = request.url.slice(`${APP_SCHEME}://${APP_HOST}`.length).split(/[?#]/, 1)[0] ?? '';
  const id = parseInstanceFileId(pathname);
  const filePath = id === undefined ? undefined : instancePath?.(id);
  if (filePath === undefined) return refuse(404, 'no such instance');
  const body = await readFile(filePath);
  const headers = { ...baseHeaders(), ...instanceFileHeaders(body.length) };
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
}

/**
 * Serves `rootDir` (out/renderer) on app:// for the given session's protocol registry, plus the stored
 * instances `instancePath` finds (the viewer's pixels).
 */
export function serveAppProtocol(
  sessionProtocol: Pick<Protocol, 'handle'>,
  rootDir: string,
  instancePath?: InstancePathLookup,
): void {
  sessionProtocol.handle(APP_SCHEME, createAppRequestHandler(rootDir, instancePath));
}
