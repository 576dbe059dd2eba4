import cliProgress from 'cli-progress';
import type { ImportReport } from '../../contract/schemas';
import type { WorkstationService } from '../../services/createWorkstationService';
import { plural, table } from '../format';
import { UsageError } from '../usage';

/** `qoq import <paths…>`: exit 0 when every file was imported or skipped, 1 when some were rejected. */
export async function importCommand(service: WorkstationService, paths: string[], json: boolean): Promise<number> {
  if (paths.length === 0) throw new UsageError('import needs at least one path');
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        { stream: process.stderr, format: 'importing [{bar}] {value}/{total} files | {imported} new, {skipped} known, {rejected} rejected', hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let started = false;
  const off = service.events.on('importProgress', (p) => {
    if (!bar || p.phase === 'scanning') return;
    const payload = { imported: p.imported, skipped: p.skipped, rejected: p.rejected };
    if (!started) {
      bar.start(p.total, p.done, payload);
      started = true;
    }
    bar.setTotal(p.total);
    bar.update(p.done, payload);
  });
  let report: ImportReport;
  try {
    report = await service.api.importPaths({ paths });
  } finally {
    off();
    if (started) bar?.stop();
  }
  if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else printReport(report);
  return report.rejected.length > 0 ? 1 : 0;
}

function printReport(r: ImportReport): void {
  const lines = [
    `Imported ${plural(r.imported, 'object')}, skipped ${r.skipped} already in the store, rejected ${plural(r.rejected.length, 'file')}, ${r.notMedical} not medical (${(r.durationMs / 1000).toFixed(1)} s).`,
  ];
  const kinds = Object.entries(r.countsByKind).sort(([a], [b]) => a.localeCompare(b));
  if (kinds.length > 0) lines.push('', table(['kind', 'imported'], kinds));
  if (r.rejected.length > 0) {
    lines.push('', 'Rejected:');
    for (const x of r.rejected) lines.push(`  ${x.path}\n    ${x.reason}`);
  }
  if (r.warnings.length > 0) {
    lines.push('', `Warnings (${r.warnings.length}):`);
    for (const w of r.warnings.slice(0, 50)) lines.push(`  ${w.path}: ${w.warning}`);
    if (r.warnings.length > 50) lines.push(`  … ${r.warnings.length - 50} more (use --json)`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
