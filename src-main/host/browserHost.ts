/**
 * The loopback browser host: the same service contract the Electron preload exposes, served over HTTP on
 * 127.0.0.1 with a random per-launch token, plus the built renderer. It lets the workstation run (and be
 * tested) in a real Chromium where no Electron binary exists.
 *
 * Threat model: other local users and web pages in the user's browser. Hence: bound to 127.0.0.1 only;
 * the token (256 random bits) is required on every API call, as an HttpOnly SameSite=Strict cookie that
 * the one-time launch URL sets; the Host header must name this server (DNS rebinding); API calls must be
 * JSON POSTs from our own origin (no cross-site form posts); bodies are size-capped. The one non-JSON
 * route, POST /api/upload (dropped files' bytes, see uploadRoute.ts), needs the same token and origin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventNames } from '../contract/service';
import { CONTENT_SECURITY_POLICY } from '../electron/contentSecurityPolicy';
import { parseStoredFileRoute, STORED_FILE_PREFIX, storedFileHeaders } from '../electron/instanceFileRoute';
import { mimeTypeFor } from '../electron/mimeTypes';
import { resolveBundlePath } from '../electron/resolveBundlePath';
import type { WorkstationService } from '../services/createWorkstationService';
import { dispatch, ServiceError } from '../services/dispatch';
import { readCappedBody } from './readCappedBody';
import { DEFAULT_UPLOAD_LIMITS, importUpload, UploadError, type UploadLimits } from './uploadRoute';

export interface BrowserHostOptions {
  service: WorkstationService;
  /** Built renderer (out/renderer). */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Caps of POST /api/upload (tests lower them). */
  uploadLimits?: Partial<UploadLimits>;
}

export interface BrowserHost {
  /** One-time launch URL carrying the token; opening it sets the session cookie. */
  launchUrl: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1 << 20;
const COOKIE = 'qoq_token';

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const token = randomBytes(32).toString('base64url');
  const sseClients = new Set<http.ServerResponse>();
  let origin = '';

  const unsubscribers = eventNames.map((event) =>
    opts.service.events.on(event, (payload) => {
      const frame = `data: ${JSON.stringify({ event, payload })}\n\n`;
      for (const res of sseClients) res.write(frame);
    }),
  );

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { message: 'internal error' } });
      process.stderr.write(`qoq serve: ${(err as Error).stack ?? String(err)}\n`);
    });
  });

  const authorised = (req: http.IncomingMessage): boolean => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const cookie = parseCookies(req.headers.cookie)[COOKIE];
    return safeEqual(bearer ?? cookie ?? '', token);
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const host = req.headers.host ?? '';
    if (host !== new URL(origin).host && host !== `localhost:${new URL(origin).port}`) {
      return sendText(res, 421, 'unexpected Host header');
    }
    if (url.pathname === '/' && url.searchParams.has('token')) {
      if (!safeEqual(url.searchParams.get('token') ?? '', token)) return sendText(res, 403, 'invalid token');
      res.writeHead(303, {
        'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
        'Cache-Control': 'no-store',
      });
      return void res.end();
    }
    if (url.pathname.startsWith('/api/')) {
      if (!authorised(req)) return sendJson(res, 401, { ok: false, error: { message: 'missing or invalid token' } });
      if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(res);
      if (url.pathname === '/api/upload') return handleUpload(req, res);
      return handleApi(req, res, url.pathname.slice('/api/'.length));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed');
    if (!authorised(req)) return sendText(res, 401, 'Open the launch URL printed by "qoq serve" (it carries the access token).');
    if (url.pathname.startsWith(STORED_FILE_PREFIX)) return serveStoredFile(req, res);
    // The raw request path, not the URL-normalised one: `/../x` must be seen (and refused) as traversal.
    return serveStatic((req.url ?? '/').split('?', 1)[0] ?? '/', res);
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, op: string): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { message: 'use POST' } });
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, { ok: false, error: { message: 'content-type must be application/json' } });
    }
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      return sendJson(res, 403, { ok: false, error: { message: 'cross-origin request refused' } });
    }
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req)) || '{}');
    } catch (err) {
      const status = err instanceof BodyTooLargeError ? 413 : 400;
      return sendJson(res, status, { ok: false, error: { message: (err as Error).message } });
    }
    try {
      const result = await dispatch(opts.service.api, op, body);
      sendJson(res, 200, { ok: true, result });
    } catch (err) {
      const status = err instanceof ServiceError ? (err.code === 'not-found' ? 404 : err.code === 'internal' ? 500 : 400) : 500;
      const message = err instanceof ServiceError ? err.message : 'internal error';
      if (!(err instanceof ServiceError)) process.stderr.write(`qoq serve: ${(err as Error).stack ?? String(err)}\n`);
      sendJson(res, status, { ok: false, error: { message } });
    }
  }

  const uploadLimits: UploadLimits = { ...DEFAULT_UPLOAD_LIMITS, ...opts.uploadLimits };

  async function handleUpload(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // GET: the limits of one upload, so the page can split a bigger drop into requests under them.
    if (req.method === 'GET') return sendJson(res, 200, { ok: true, result: uploadLimits });
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { message: 'use GET (limits) or POST (files)' } });
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      req.resume();
      return sendJson(res, 403, { ok: false, error: { message: 'cross-origin request refused' } });
    }
    try {
      const result = await importUpload(req, opts.service, uploadLimits);
      sendJson(res, 200, { ok: true, result });
    } catch (err) {
      const status = err instanceof UploadError ? err.status : err instanceof ServiceError ? 400 : 500;
      const message = err instanceof UploadError || err instanceof ServiceError ? err.message : 'internal error';
      if (status === 500) process.stderr.write(`qoq serve: ${(err as Error).stack ?? String(err)}\n`);
      sendJson(res, status, { ok: false, error: { message } });
    }
  }

  function openEventStream(res: http.ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    sseClients.add(res);
    res.on('close', () => sseClients.delete(res));
  }

  /** Stored bytes of an instance, photo or volume by record id; the id is looked up, never taken as a path. */
  function serveStoredFile(req: http.IncomingMessage, res: http.ServerResponse): void {
    // Raw path, as for static files: an encoded or dotted variant is simply not this route.
    const route = parseStoredFileRoute((req.url ?? '').split('?', 1)[0] ?? '');
    const file = route === undefined ? undefined : opts.service.getStoredFile(route.kind, route.id);
    if (file === undefined) return sendText(res, 404, 'no such file');
    res.writeHead(200, { ...storedFileHeaders(file.contentType, statSync(file.path).size), 'X-Content-Type-Options': 'nosniff' });
    if (req.method === 'HEAD') return void res.end();
    // Headers are gone once streaming starts: a read error can only cut the response short.
    createReadStream(file.path)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  async function serveStatic(pathname: string, res: http.ServerResponse): Promise<void> {
    if (!existsSync(opts.rendererDir)) {
      return sendText(res, 503, `The renderer is not built (${opts.rendererDir} missing): run "npm run build".`);
    }
    const resolved = await resolveBundlePath(opts.rendererDir, `app://workstation${pathname}`);
    if (!resolved.ok) return sendText(res, resolved.status, resolved.reason);
    res.writeHead(200, {
      'Content-Type': mimeTypeFor(resolved.filePath),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Referrer-Policy': 'no-referrer',
    });
    createReadStream(resolved.filePath).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    launchUrl: `${origin}/?token=${token}`,
    origin,
    token,
    async close() {
      unsubscribers.forEach((off) => off());
      for (const res of sseClients) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Reads a JSON body; an oversized one is drained (so the client still gets an answer) and refused. */
async function readBody(req: http.IncomingMessage): Promise<string> {
  return (await readCappedBody(req, MAX_BODY_BYTES, () => new BodyTooLargeError())).toString('utf8');
}

class BodyTooLargeError extends Error {
  constructor() {
    super(`request body over ${MAX_BODY_BYTES} bytes`);
  }
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
