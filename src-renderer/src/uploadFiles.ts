/**
 * Browser host only: sends dropped or picked files' bytes to POST /api/upload (a plain browser page
 * cannot learn their paths), where they are imported like any folder. Same-origin, so the session
 * cookie rides along; the reply is an InvokeEnvelope holding an import report, validated here as the
 * contract client validates importPaths.
 */
import { z } from 'zod';
import { ServiceError, unwrap } from '../../src-main/contract/client';
import { ImportReportSchema, type ImportReport } from '../../src-main/contract/schemas';
import { planUploadBatches } from '../../src-shared/upload/planUploadBatches';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from '../../src-shared/upload/uploadLimits';
import { mergeImportReports } from './mergeImportReports';

const UploadLimitsSchema = z.object({ maxBytes: z.number().int().positive(), maxFiles: z.number().int().positive() });

/**
 * Uploads a drop of any size: in one request when it fits the host's limits, else in parts that each do
 * (files that name each other kept together), one import job per part, reported as one. A file too
 * large for any request is reported as rejected, with what to do instead.
 */
export async function uploadInParts(
  files: readonly File[],
  onPart?: (part: number, parts: number) => void,
  given?: UploadLimits,
): Promise<ImportReport> {
  if (files.length === 0) throw new ServiceError('no files to upload');
  const limits = given ?? (await uploadLimits());
  const plan = planUploadBatches(files, limits);
  const reports: ImportReport[] = [];
  // A part that fails (the host stopped, a file vanished) is reported file by file; the parts before and
  // after it still count, and their imports are not lost from the report.
  const failed: ImportReport['rejected'] = [];
  for (const [i, batch] of plan.batches.entries()) {
    onPart?.(i + 1, plan.batches.length);
    const part = batch.map((index) => files[index]!);
    try {
      reports.push(await uploadFiles(part));
    } catch (err) {
      const reason = `not uploaded: ${err instanceof Error ? err.message : String(err)}`;
      failed.push(...part.map((f) => ({ path: f.name, reason })));
    }
  }
  const cap = limits.maxBytes >= 1024 ** 2 ? `${Math.floor(limits.maxBytes / 1024 ** 2)} MiB` : `${limits.maxBytes} bytes`;
  const refused = plan.tooLarge.map((i) => ({
    path: files[i]!.name,
    reason: `not uploaded: over the ${cap} a browser upload can carry; import it by typing its path`,
  }));
  if (reports.length === 0) {
    if (failed.length === files.length && plan.batches.length === 1) throw new ServiceError(failed[0]!.reason.replace(/^not uploaded: /, ''));
    return { jobId: '', imported: 0, skipped: 0, rejected: [...refused, ...failed], notMedical: 0, countsByKind: {}, warnings: [], studyIds: [], durationMs: 0 };
  }
  const merged = mergeImportReports(reports);
  return { ...merged, rejected: [...refused, ...failed, ...merged.rejected] };
}

/** The host's limits of one upload (GET /api/upload); the defaults when a host does not say. */
async function uploadLimits(): Promise<UploadLimits> {
  try {
    const response = await window.fetch('/api/upload', { method: 'GET', credentials: 'same-origin' });
    const limits = UploadLimitsSchema.safeParse(unwrap('upload limits', await response.json()));
    return limits.success ? limits.data : DEFAULT_UPLOAD_LIMITS;
  } catch {
    return DEFAULT_UPLOAD_LIMITS;
  }
}

/** `relativePath` (a folder picker's webkitRelativePath) is not sent: the host keeps the name only. */
export async function uploadFiles(files: readonly File[]): Promise<ImportReport> {
  if (files.length === 0) throw new ServiceError('no files to upload');
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  const response = await window.fetch('/api/upload', { method: 'POST', body: form, credentials: 'same-origin' });
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ServiceError(`upload: HTTP ${response.status} without a JSON body`);
  }
  const report = ImportReportSchema.safeParse(unwrap('upload', body));
  if (!report.success) throw new ServiceError('upload: response does not match the contract');
  return report.data;
}
