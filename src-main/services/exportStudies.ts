/**
 * `exportStudies`: writes each requested study's report in each requested format into one folder. The
 * report is built from the store (study detail + loadStudyReview), rendered by src-main/export in the
 * export process (it reads stored files: untrusted bytes stay out of the main process), written
 * atomically inside `outDir` only, and every written file is audited (`export.written`: study, format,
 * path, SHA-256, de-identified or not). A study or format that fails is reported and audited
 * (`export.failed`) and the batch goes on: the CLI exits 1 when anything failed.
 * Without `outDir` (the UI's default) the files go to a new folder `<dataDir>/exports/<UTC timestamp>-study-<id>/`
 * (`-studies-<first id>+<n>` for a batch), created only when the first file is written, never a folder
 * that already exists and never through a link.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, realpathSync, statSync } from 'node:fs';
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
  /** Where exports without an `outDir` go (`<dataDir>/exports` in the service). */
  exportsRoot?: string;
}

/** The data folder's sub-folder for exports written without a chosen folder. */
export const EXPORTS_FOLDER = 'exports';

export async function exportStudies(deps: ExportDeps, request: ExportRequest): Promise<ExportResult> {
  const result: ExportResult = { files: [], failed: [] };
  let outDir = request.outDir === undefined ? undefined : path.resolve(request.outDir);
  const folder = (): string => {
    outDir ??= createDefaultExportFolder(deps, request.studyIds);
    return outDir;
  };
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
        const written = writeAtomic(folder(), file.fileName, file.bytes);
        result.outDir = outDir;
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
        fail(file.format, `could not write: ${writeFailure(err, outDir)}`, studyUid);
      }
    }
  }
  return result;
}

/** A write failure in words: "not a folder" rather than mkdir's EEXIST on a file named like the folder. */
function writeFailure(err: unknown, outDir: string | undefined): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (outDir && (code === 'EEXIST' || code === 'ENOTDIR') && existsSync(outDir) && !statSync(outDir).isDirectory()) {
    return `${outDir} is a file, not a folder: choose a folder to export into`;
  }
  return (err as Error).message;
}

/**
 * A new folder under the exports root named by the UTC time (colons left out: valid on every OS) and the
 * study. The root must be a real folder (not a link); the leaf is created exclusively, with a counter
 * when a folder of that name exists already (two exports within one second).
 */
export function createDefaultExportFolder(deps: Pick<ExportDeps, 'exportsRoot' | 'now'>, studyIds: readonly number[]): string {
  if (!deps.exportsRoot) throw new Error('no output folder given and no default export folder configured');
  const root = path.resolve(deps.exportsRoot);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  if (lstatSync(root).isSymbolicLink()) throw new Error(`refusing to export into ${root}: it is a link`);
  const stamp = (deps.now?.() ?? new Date()).toISOString().slice(0, 19).replace(/:/g, '-');
  const ids = [...new Set(studyIds)];
  const base = `${stamp}Z-${ids.length === 1 ? `study-${ids[0]}` : `studies-${ids[0]}+${ids.length - 1}`}`;
  for (let n = 0; n < 1000; n++) {
    const dir = path.join(root, n === 0 ? base : `${base}-${n}`);
    try {
      mkdirSync(dir, { mode: 0o755 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    return path.join(realpathSync(root), path.basename(dir));
  }
  throw new Error(`could not create a new export folder under ${root}`);
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
