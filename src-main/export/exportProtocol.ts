/**
 * Messages between the service and the export process. Rendering reads stored files (DICOM headers,
 * pixels of key images) — bytes from outside, even after import checked them — so it runs in its own
 * process like parsing and inference: a decoder crash or runaway allocation fails that study's export,
 * never the main process.
 */
import type { ExportFormat, StudyReport } from '../contract/reviewSchemas';
import type { RenderOutcome } from './exportStudyReport';

export interface RenderRequest {
  type: 'render';
  taskId: number;
  report: StudyReport;
  formats: ExportFormat[];
  deidentify: boolean;
  /** The batch's de-identification secret: one mapping for all studies of one export (same patient → same pseudonym). */
  secret: Uint8Array;
}

export type ExportWorkerReply =
  | { type: 'ready' }
  | { type: 'rendered'; taskId: number; outcome: RenderOutcome }
  | { type: 'failed'; taskId: number; reason: string };
