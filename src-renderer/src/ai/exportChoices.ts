// What the export panel offers and how it names what came back: pure helpers, tested without a DOM.
import type { ExportFormat, ExportRequest, ExportResult } from '../../../src-main/contract/reviewSchemas';

export const EXPORT_FORMATS: readonly { format: ExportFormat; label: string }[] = [
  { format: 'pdf', label: 'PDF report' },
  { format: 'sr', label: 'DICOM SR' },
  { format: 'fhir', label: 'FHIR R4' },
  { format: 'json', label: 'JSON' },
];

export const FORMAT_NAMES: Record<ExportFormat, string> = { pdf: 'PDF', sr: 'DICOM SR', fhir: 'FHIR', json: 'JSON' };

/** The request for one study; an empty (or blank) folder means the data folder's default export folder. */
export function exportRequest(studyId: number, formats: readonly ExportFormat[], deidentify: boolean, folder: string): ExportRequest {
  const outDir = folder.trim();
  // Keep the panel's order, whatever order the boxes were ticked in.
  const ordered = EXPORT_FORMATS.map((f) => f.format).filter((f) => formats.includes(f));
  return { studyIds: [studyId], formats: ordered, deidentify, ...(outDir ? { outDir } : {}) };
}

/** The last segment of a path written on any OS (the back end may run on Windows). */
export function fileName(filePath: string): string {
  return filePath.split(/[\\/]/).filter(Boolean).at(-1) ?? filePath;
}

export type ExportedFile = ExportResult['files'][number];
