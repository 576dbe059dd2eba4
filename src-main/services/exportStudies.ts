/**
 * `exportStudies`: writes each requested study's report in each requested format into one folder. The
 * report is built from the store (study detail + loadStudyReview), rendered by src-main/export in the
 * export process (it reads stored files: untrusted bytes stay out of the main process), written
 * atomically inside `outDir` only, and every written file is audited (`export.written`: study, format,
 * path, SHA-256, de-identified or not). A study or format that fails is reported and audited
 * (`export.failed`) and the batch goes on: the CLI exits 1 when anything failed.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { RESEARCH_USE_NOTICE } from '../contract/schemas';
import type { ExportFormat, ExportRequest, ExportResult, StudyReport } from '../contract/reviewSchemas';
import type { RenderOutcome } from '../export/exportStudyReport';
import { writeAtomic } from '../export/writeAtomic';
import type { Store } from '../store/Store';
import { sha256Hex } from '../util/sha256';
import { loadStudyReview } from './review/loadStudyReview';

export interface ExportDeps {
  store: Store;
  actor: string;
  /** Renders one study (the export process's ExportProcess.render in the service). */
  render: (report: StudyReport, formats: ExportFormat[], deidentify: boolean, secret: Uint8Array) => Promise<RenderOutcome>;
  now?: () => Date;
}

export async function exportStudies(deps: ExportDeps, request: ExportRequest): Promise<ExportResult> {
  const outDir = path.resolve(request.outDir);
  const result: ExportResult = { files: [], failed: [] };
  // One secret per batch: UIDs and patient pseudonyms are consistent across the studies of one export,
  // and unlinkable to any other export. It lives only in memory for the length of this call.
  const secret = randomBytes(32);
  for (const studyId of [...new Set(request.studyIds)]) {
    const fail = (format: ExportResult['failed'][number]['format'], reason: string, studyUid?: string) => {
      result.failed.push({ studyId, format, reason });
      deps.store.audit.append({ actor: deps.actor, action: 'export.failed', objectType: 'study', objectId: studyUid ?? String(studyId), details: { studyId, format, reason, deidentified: request.deidentify } });
    };
    const report = buildStudyReport(deps, studyId);
    if (!report) {
      for (const format of request.formats) fail(format, `no study with id ${studyId}`);
      continue;
    }
    const studyUid = report.detail.study.studyInstanceUid;
    let rendered;
    try {
      rendered = await deps.render(report, request.formats, request.deidentify, secret);
    } catch (err) {
      for (const format of request.formats) fail(format, `could not prepare the report: ${(err as Error).message}`, studyUid);
      continue;
    }
    for (const f of rendered.failed) fail(f.format, f.reason, studyUid);
    for (const file of rendered.files) {
      try {
        const written = writeAtomic(outDir, file.fileName, file.bytes);
        const sha256 = sha256Hex(file.bytes);
        result.files.push({ studyId, format: file.format, path: written, sha256 });
        deps.store.audit.append({
          actor: deps.actor,
          action: 'export.written',
          objectType: 'study',
          objectId: studyUid,
          details: { studyId, format: file.format, path: written, sha256, deidentified: request.deidentify },
        });
      } catch (err) {
        fail(file.format, `could not write: ${(err as Error).message}`, studyUid);
      }
    }
  }
  return result;
}

/** Everything an export writes about one study, from the store; undefined for an unknown study. */
export function buildStudyReport(deps: ExportDeps, studyId: number): StudyReport | undefined {
  const detail = deps.store.getStudy(studyId);
  if (!detail) return undefined;
  return {
    detail,
    review: loadStudyReview(deps.store, studyId),
    generatedAt: (deps.now?.() ?? new Date()).toISOString(),
    generatedBy: deps.actor,
    notice: RESEARCH_USE_NOTICE,
  };
}
