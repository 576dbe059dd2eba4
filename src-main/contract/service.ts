/**
 * The one service contract. Every host (Electron IPC, the loopback browser host, the CLI) serves exactly
 * these operations and events, validated with these schemas. Adding an operation = one entry here plus
 * its implementation in src-main/services; the hosts pick it up generically.
 */
import { z } from 'zod';
import {
  AnalysisResultSchema,
  AnalysisTokenSchema,
  AuditEntrySchema,
  AuditVerificationSchema,
  DomainSchema,
  ImportProgressSchema,
  ImportReportSchema,
  ModelPackageStatusSchema,
  StudyDetailSchema,
  StudySummarySchema,
  WaveformSamplesSchema,
} from './schemas';

/** Paths are bounded so an oversized payload cannot tie up the main process. */
const PathList = z.array(z.string().min(1).max(4096)).min(1).max(10_000);

export const operations = {
  importPaths: {
    input: z.object({ paths: PathList }).strict(),
    output: ImportReportSchema,
  },
  listStudies: {
    input: z
      .object({
        text: z.string().max(256).optional(),
        domain: DomainSchema.optional(),
        modality: z.string().max(16).optional(),
        sort: z.enum(['date', 'patient', 'imported']).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .strict(),
    output: z.object({ studies: z.array(StudySummarySchema), total: z.number().int() }),
  },
  getStudy: {
    input: z.object({ studyId: z.number().int().positive() }).strict(),
    output: StudyDetailSchema,
  },
  auditLog: {
    input: z
      .object({
        limit: z.number().int().min(1).max(10_000).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .strict(),
    output: z.object({ entries: z.array(AuditEntrySchema), verification: AuditVerificationSchema }),
  },
  getWaveform: {
    input: z
      .object({
        waveformId: z.number().int().positive(),
        startS: z.number().min(0).optional(),
        /** Seconds to return (default 10, at most 60: a 30-minute Holter is read in windows). */
        durationS: z.number().positive().max(60).optional(),
      })
      .strict(),
    output: WaveformSamplesSchema,
  },
  analyzeStudy: {
    input: z
      .object({
        studyId: z.number().int().positive(),
        /** Client-chosen id (so the job can be cancelled before it returns); a UUID is made if absent. */
        jobId: z.string().uuid().optional(),
        /** A model package folder; default: the first verified package (bundled first). */
        modelDir: z.string().min(1).max(4096).optional(),
        seriesIds: z.array(z.number().int().positive()).max(100).optional(),
        question: z.string().min(1).max(2000).optional(),
        /** Indication, history, notes: given to the model with the images. */
        clinicalText: z.string().max(8000).optional(),
        seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
        maxNewTokens: z.number().int().min(1).max(4096).optional(),
      })
      .strict(),
    output: AnalysisResultSchema,
  },
  cancelAnalysis: {
    input: z.object({ jobId: z.string().uuid() }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  listModels: {
    input: z.object({}).strict(),
    output: z.object({ models: z.array(ModelPackageStatusSchema) }),
  },
} as const;

export const events = {
  importProgress: ImportProgressSchema,
  /** Streamed text of a running analysis (the reasoning trace appears as it is written). */
  analysisToken: AnalysisTokenSchema,
} as const;

export type OperationName = keyof typeof operations;
export type EventName = keyof typeof events;
export type OperationInput<K extends OperationName> = z.input<(typeof operations)[K]['input']>;
export type OperationOutput<K extends OperationName> = z.output<(typeof operations)[K]['output']>;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;

/** The service as the renderer and the CLI see it: one async method per operation. */
export type WorkstationApi = {
  [K in OperationName]: (input: OperationInput<K>) => Promise<OperationOutput<K>>;
};

/** Event subscription, identical on every host. Returns an unsubscribe function. */
export type EventSource = {
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
};

export const operationNames = Object.keys(operations) as OperationName[];
export const eventNames = Object.keys(events) as EventName[];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(operations, name);
}
