/**
 * POST /api/upload of the browser host: a page in a plain browser cannot learn the path of a dropped
 * file, so it sends the bytes (multipart/form-data, field `file`, one part per file). They are written
 * into a fresh folder under `<dataDir>/uploads/`, imported by the service's importStaged — the same
 * sandboxed parse workers, dedupe and limits as importPaths, with an audit entry that records the uploaded
 * names rather than the staging folder — and the folder is removed afterwards. The report names files by
 * their uploaded names, not the staging paths.
 *
 * The caller (browserHost) has already checked the token and the Host header.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { WorkstationService } from '../services/createWorkstationService';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from '../../src-shared/upload/uploadLimits';
import { readCappedBody } from './readCappedBody';
import { stagedPaths } from './uploadNames';

export { DEFAULT_UPLOAD_LIMITS, type UploadLimits };

/** A refusal with the HTTP status to answer. */
export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads and imports one upload request; throws UploadError for anything the client got wrong. */
export async function importUpload(
  req: http.IncomingMessage,
  service: Pick<WorkstationService, 'importStaged' | 'dataDir'>,
  limits: UploadLimits,
): ReturnType<WorkstationService['importStaged']> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.startsWith('multipart/form-data')) {
    req.resume();
    throw new UploadError(415, 'content-type must be multipart/form-data');
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limits.maxBytes) {
    req.resume();
    throw new UploadError(413, tooLarge(limits));
  }
  const body = await readCappedBody(req, limits.maxBytes, () => new UploadError(413, tooLarge(limits)));
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new UploadError(400, 'malformed multipart body');
  }
  type FilePart = Exclude<ReturnType<FormData['get']>, string | null>;
  const files = form.getAll('file').filter((part): part is FilePart => typeof part !== 'string');
  if (files.length === 0) throw new UploadError(400, 'no files in the upload (expected parts named "file")');
  if (files.length > limits.maxFiles) throw new UploadError(413, `too many files: at most ${limits.maxFiles} per upload`);

  const uploadsDir = path.join(service.dataDir, 'uploads');
  mkdirSync(uploadsDir, { recursive: true });
  const staging = mkdtempSync(path.join(uploadsDir, 'upload-'));
  try {
    const relative = stagedPaths(files.map((f) => f.name));
    const originalByPath = new Map<string, string>();
    for (const [i, file] of files.entries()) {
      const target = path.join(staging, relative[i] ?? '');
      mkdirSync(path.dirname(target), { recursive: true });
      // 'wx': never follow or overwrite anything already there (the folder is new; this is belt and braces).
      writeFileSync(target, Buffer.from(await file.arrayBuffer()), { flag: 'wx' });
      originalByPath.set(target, file.name);
    }
    const nameOf = (p: string) => originalByPath.get(p) ?? originalByPath.get(path.resolve(p)) ?? path.basename(p);
    return await service.importStaged([staging], { kind: 'upload', names: files.map((f) => f.name), nameOf });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function tooLarge(limits: UploadLimits): string {
  const cap = limits.maxBytes >= 1024 * 1024 ? `${Math.floor(limits.maxBytes / (1024 * 1024))} MiB` : `${limits.maxBytes} bytes`;
  return `upload too large: at most ${cap} per request — import big folders by path instead`;
}
