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
import { parseStoredFileRoute, STORED_FILE_PREFIX, storedFileHeaders, type StoredFileRouteKind } from './instanceFileRoute';
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
/** Looks any viewable record (instance, photo, volume) up in the store: its stored file and type, or undefined. */
export type StoredFileLookup = (kind: StoredFileRouteKind, id: number) => { path: string; contentType: string } | undefined;

const FILES_URL_PREFIX = `${APP_SCHEME}://${APP_HOST}${STORED_FILE_PREFIX}`;

/**
 * The request handler on its own, so tests can call it without Electron. With `instancePath`, the
 * viewer's pixel route app://workstation/files/instances/<id> serves stored DICOM files too; with
 * `storedFile`, /files/images/<id> (photos) and /files/volumes/<id> (NIfTI) as well.
 */
export function createAppRequestHandler(
  rootDir: string,
  instancePath?: InstancePathLookup,
  storedFile?: StoredFileLookup,
): (request: Pick<Request, 'url' | 'method'>) => Promise<Response> {
  const lookup: StoredFileLookup = (kind, id) => {
    if (kind !== 'instances') return storedFile?.(kind, id);
    const filePath = instancePath?.(id);
    return filePath === undefined ? undefined : { path: filePath, contentType: 'application/dicom' };
  };
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'method not allowed');
    if (request.url.toLowerCase().startsWith(FILES_URL_PREFIX)) return serveStoredFile(request, lookup);
    const resolved = await resolveBundlePath(rootDir, request.url);
    if (!resolved.ok) return refuse(resolved.status, resolved.reason);
    const body = await readFile(resolved.filePath);
    const headers = { ...baseHeaders(), 'Content-Type': mimeTypeFor(resolved.filePath) };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}

async function serveStoredFile(request: Pick<Request, 'url' | 'method'>, lookup: StoredFileLookup): Promise<Response> {
  const pathname = request.url.slice(`${APP_SCHEME}://${APP_HOST}`.length).split(/[?#]/, 1)[0] ?? '';
  const route = parseStoredFileRoute(pathname);
  const file = route === undefined ? undefined : lookup(route.kind, route.id);
  if (file === undefined) return refuse(404, 'no such file');
  const body = await readFile(file.path);
  const headers = { ...baseHeaders(), ...storedFileHeaders(file.contentType, body.length) };
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
}

/**
 * Serves `rootDir` (out/renderer) on app:// for the given session's protocol registry, plus the stored
 * instances `instancePath` finds and the photos and volumes `storedFile` finds (the viewer's pixels).
 */
export function serveAppProtocol(
  sessionProtocol: Pick<Protocol, 'handle'>,
  rootDir: string,
  instancePath?: InstancePathLookup,
  storedFile?: StoredFileLookup,
): void {
  sessionProtocol.handle(APP_SCHEME, createAppRequestHandler(rootDir, instancePath, storedFile));
}
