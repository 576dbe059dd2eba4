/** The JSON export: the whole StudyReport (StudyReportSchema), with the notice first so it is seen first. */
import type { StudyReport } from '../../contract/reviewSchemas';

export const JSON_REPORT_FORMAT = 'qoq-study-report/1';

export function buildJsonReport(report: StudyReport, opts: { deidentified: boolean }): string {
  return `${JSON.stringify({ notice: report.notice, format: JSON_REPORT_FORMAT, deidentified: opts.deidentified, report }, null, 2)}\n`;
}
