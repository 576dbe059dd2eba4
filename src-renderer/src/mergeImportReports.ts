/**
 * One report for an import that ran as several jobs (a drop uploaded in parts): counts added, lists
 * joined in order, studies de-duplicated. The first job's id names the whole, and the time is the sum.
 */
import type { ImportReport } from '../../src-main/contract/schemas';

export function mergeImportReports(reports: readonly ImportReport[]): ImportReport {
  const [first] = reports;
  if (!first) throw new Error('no import reports to merge');
  const countsByKind: Record<string, number> = {};
  for (const r of reports) for (const [kind, n] of Object.entries(r.countsByKind)) countsByKind[kind] = (countsByKind[kind] ?? 0) + n;
  return {
    jobId: first.jobId,
    imported: reports.reduce((n, r) => n + r.imported, 0),
    skipped: reports.reduce((n, r) => n + r.skipped, 0),
    rejected: reports.flatMap((r) => r.rejected),
    notMedical: reports.reduce((n, r) => n + r.notMedical, 0),
    countsByKind,
    warnings: reports.flatMap((r) => r.warnings),
    studyIds: [...new Set(reports.flatMap((r) => r.studyIds))].sort((a, b) => a - b),
    durationMs: reports.reduce((n, r) => n + r.durationMs, 0),
  };
}
