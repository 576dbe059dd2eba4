import path from 'node:path';
import { ExportFormatSchema, type ExportFormat, type ExportResult } from '../../contract/reviewSchemas';
import type { WorkstationService } from '../../services/createWorkstationService';
import { resolveStudyId } from '../resolveStudyId';
import { UsageError } from '../usage';

export interface ExportCommandOptions {
  studies: string | undefined;
  format: string | undefined;
  out: string | undefined;
  deidentify: boolean;
  json: boolean;
}

/**
 * `qoq export --studies ID[,ID…] --format pdf|sr|fhir|json[,…] [--deidentify] --out DIR`: the
 * `exportStudies` operation. Exit 0 when every file was written, 1 when some study or format failed (each
 * reason printed), 2 on usage errors.
 */
export async function exportCommand(service: WorkstationService, opts: ExportCommandOptions): Promise<number> {
  if (!opts.studies) throw new UsageError('export needs --studies ID[,ID…] (study id, Study Instance UID or accession number)');
  if (!opts.format) throw new UsageError(`export needs --format ${ExportFormatSchema.options.join('|')}[,…]`);
  if (!opts.out) throw new UsageError('export needs --out DIR');
  const formats = opts.format.split(',').map((f) => f.trim().toLowerCase());
  const bad = formats.filter((f) => !ExportFormatSchema.safeParse(f).success);
  if (bad.length) throw new UsageError(`unknown export format ${bad.join(', ')}: use ${ExportFormatSchema.options.join(', ')}`);
  const refs = opts.studies.split(',').map((s) => s.trim()).filter(Boolean);
  if (refs.length === 0) throw new UsageError('--studies names no study');

  const studyIds: number[] = [];
  const unresolved: ExportResult['failed'] = [];
  for (const ref of refs) {
    const id = await resolveStudyId(service, ref);
    if (id === undefined || id <= 0) {
      process.stderr.write(`qoq: no study matches "${ref}"\n`);
      for (const format of formats as ExportFormat[]) unresolved.push({ studyId: 0, format, reason: `no study matches "${ref}"` });
    } else studyIds.push(id);
  }
  const result: ExportResult =
    studyIds.length > 0
      ? await service.api.exportStudies({ studyIds, formats: formats as ExportFormat[], deidentify: opts.deidentify, outDir: path.resolve(opts.out) })
      : { files: [], failed: [] };
  result.failed.push(...unresolved);

  if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    for (const f of result.files) process.stdout.write(`written  study ${f.studyId}  ${f.format.padEnd(4)}  ${f.path}  sha256 ${f.sha256}\n`);
    for (const f of result.failed) process.stderr.write(`failed   study ${f.studyId}  ${f.format.padEnd(4)}  ${f.reason}\n`);
    process.stdout.write(`${result.files.length} written, ${result.failed.length} failed${opts.deidentify ? ' (de-identified: PS3.15 Annex E Basic Profile)' : ''}\n`);
  }
  return result.failed.length > 0 ? 1 : 0;
}
