/**
 * Maps an app:// URL to a file inside the renderer bundle, or says why it may not be served. Every way
 * out of the bundle folder — `..` (raw or percent-encoded, / or \ separated), absolute or drive paths,
 * NUL bytes, symlinks pointing outside — is refused, checked on the raw URL before any normalisation
 * and again on the real path after following links.
 */
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { APP_HOST, APP_SCHEME } from './appOrigin';

// Callback APIs via promisify: these are the fs functions Electron's asar layer is known to patch,
// so the same code serves from out/renderer in development and from inside app.asar when packaged.
const realpath = promisify(fs.realpath);
const stat = promisify(fs.stat);

export type BundlePath =
  | { ok: true; filePath: string }
  | { ok: false; status: 400 | 403 | 404; reason: string };

const URL_PREFIX = new RegExp(`^${APP_SCHEME}://${APP_HOST}(?=[/?#]|$)`, 'i');

export async function resolveBundlePath(rootDir: string, url: string): Promise<BundlePath> {
  const prefix = URL_PREFIX.exec(url);
  if (!prefix) return { ok: false, status: 403, reason: 'not an app://workstation URL' };
  const rawPath = url.slice(prefix[0].length).split(/[?#]/, 1)[0] ?? '';

  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (decoded.includes('\0')) return { ok: false, status: 403, reason: 'NUL byte in path' };

  const relative = decoded.replace(/^\//, '') || 'index.html';
  if (relative.split(/[/\\]/).includes('..')) return { ok: false, status: 403, reason: 'path traversal' };
  if (path.posix.isAbsolute(relative) || path.win32.isAbsolute(relative)) {
    return { ok: false, status: 403, reason: 'absolute path' };
  }

  const root = path.resolve(rootDir);
  const candidate = path.resolve(root, relative);
  if (!isInside(root, candidate)) return { ok: false, status: 403, reason: 'outside the bundle' };

  let realFile: string;
  try {
    realFile = await realpath(candidate);
  } catch {
    return { ok: false, status: 404, reason: 'not found' };
  }
  if (!isInside(await realpath(root), realFile)) {
    return { ok: false, status: 403, reason: 'link points outside the bundle' };
  }
  if (!(await stat(realFile)).isFile()) return { ok: false, status: 404, reason: 'not a file' };
  return { ok: true, filePath: realFile };
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
