/**
 * Browser host only: sends dropped or picked files' bytes to POST /api/upload (a plain browser page
 * cannot learn their paths), where they are imported like any folder. Same-origin, so the session
 * cookie rides along; the reply is an InvokeEnvelope holding an import report, validated here as the
 * contract client validates importPaths.
 */
import { ServiceError, unwrap } from '../../src-main/contract/client';
import { ImportReportSchema, type ImportReport } from '../../src-main/contract/schemas';

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
