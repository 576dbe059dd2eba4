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
  FirstImageSchema,
  ImportProgressSchema,
  ImportReportSchema,
  ModelPackageStatusSchema,
  StructuredReportSchema,
  StudyDetailSchema,
  StudySummarySchema,
  WaveformSamplesSchema,
} from './schemas';
import { ExportRequestSchema, ExportResultSchema, FirstReadSchema, ReviewedFindingSchema, StudyReviewSchema } from './reviewSchemas';
import { StartTrainingInputSchema, StartTrainingOutputSchema, TrainingProgressSchema, TrainingRunSchema } from './trainingSchemas';

/** Paths are bounded so an oversized payload cannot tie up the main process. */
const PathList = z.array(z.string().min(1).max(4096)).min(1).max(10_000);

/** A reader's box: finite original-pixel coordinates on one image of the study (checked by the service). */
const ReviewBoxInput = z
  .object({ x1: z.number().finite(), y1: z.number().finite(), x2: z.number().finite(), y2: z.number().finite(), ref: z.string().min(1).max(256) })
  .strict();
const ReviewLabel = z.string().trim().min(1).max(256);
const ReviewComment = z.string().max(4000);

export const operations = {
  importPaths: {
    input: z.object({ paths: PathList }).strict(),
    output: ImportReportSchema,
  },
  /**
   * Asks the user for folders or files to import with the host's own picker and returns their paths
   * (nothing is imported: the renderer passes them to importPaths). Only the Electron shell has such a
   * dialog; the browser host and the CLI answer with an error saying so.
   */
  chooseImportFolder: {
    input: z.object({}).strict(),
    output: z.union([z.object({ paths: z.array(z.string()) }).strict(), z.object({ cancelled: z.literal(true) }).strict()]),
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
  /**
   * The series and first slice the reader opens for a study, a few dozen bytes: the renderer requests that
   * slice while the full getStudy reply (~180 KB for 300 instances) is still being sent and validated.
   * Not audited: it carries ids only, and opening the study calls getStudy, which records the view.
   */
  getFirstImage: {
    input: z.object({ studyId: z.number().int().positive() }).strict(),
    output: FirstImageSchema,
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
  getStructuredReport: {
    input: z.object({ instanceId: z.number().int().positive() }).strict(),
    output: StructuredReportSchema,
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
  /** The review of a study: stored analyses, current findings with decisions, first read, ground truth. */
  getStudyReview: {
    input: z.object({ studyId: z.number().int().positive() }).strict(),
    output: StudyReviewSchema,
  },
  /**
   * Saves the reader's decision on one finding (durably, audited). `edited` takes a new label from the
   * vocabulary and/or new boxes; `pending` undoes the review. See reviewRepository.applyChange.
   */
  reviewFinding: {
    input: z
      .object({
        findingId: z.number().int().positive(),
        decision: z.enum(['accepted', 'rejected', 'edited', 'pending']),
        label: ReviewLabel.optional(),
        boxes: z.array(ReviewBoxInput).max(100).optional(),
        comment: ReviewComment.optional(),
      })
      .strict()
      .refine((v) => v.decision !== 'edited' || v.label !== undefined || v.boxes !== undefined, {
        message: 'an edit needs a label or boxes',
      }),
    output: ReviewedFindingSchema,
  },
  /** A finding the model missed, written by the reader. */
  addFinding: {
    input: z
      .object({
        studyId: z.number().int().positive(),
        label: ReviewLabel,
        boxes: z.array(ReviewBoxInput).max(100),
        comment: ReviewComment.optional(),
      })
      .strict(),
    output: ReviewedFindingSchema,
  },
  /**
   * A ground-truth mask the review names (GroundTruth.maskRefs), as the stored file's bytes: the renderer
   * decodes it in the sandboxed page and scores boxes against it with the reward's own IoU (mask first).
   */
  getGroundTruthMask: {
    input: z.object({ studyId: z.number().int().positive(), ref: z.string().min(1).max(256) }).strict(),
    output: z.object({
      ref: z.string(),
      mediaType: z.enum(['image/png', 'image/jpeg']),
      /** Base64 of the stored mask file (at most 16 MiB before encoding). */
      base64: z.string(),
    }),
  },
  /** The blinded first read: refused once any AI output of the study exists or is being produced. */
  recordFirstRead: {
    input: z
      .object({
        studyId: z.number().int().positive(),
        impression: z.string().trim().min(1).max(8000),
        labels: z.array(ReviewLabel).max(50),
      })
      .strict(),
    output: FirstReadSchema,
  },
  /**
   * Starts a fine-tuning job (or resumes one) in its own process and returns at once; progress and the
   * end arrive as `trainingProgress` events. An invalid config is refused before anything starts.
   */
  startTraining: {
    input: StartTrainingInputSchema,
    output: StartTrainingOutputSchema,
  },
  /** Stops the job after its current step with a checkpoint (resumable); false when it is not running. */
  cancelTraining: {
    input: z.object({ jobId: z.string().uuid() }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  /** The runs in the data folder (`training/`), newest first, with their state and last step's metrics. */
  listTrainingRuns: {
    input: z.object({}).strict(),
    output: z.object({ runs: z.array(TrainingRunSchema) }),
  },
  /**
   * Writes reports of stored studies (PDF, DICOM SR TID 1500, FHIR R4 Bundle, JSON) into `outDir`
   * (omitted: a new `<dataDir>/exports/<UTC timestamp>-study-<id>/`), optionally de-identified (PS3.15 Annex E Basic Profile); each file audited as `export.written`.
   */
  exportStudies: {
    input: ExportRequestSchema,
    output: ExportResultSchema,
  },
} as const;

export const events = {
  importProgress: ImportProgressSchema,
  /** Streamed text of a running analysis (the reasoning trace appears as it is written). */
  analysisToken: AnalysisTokenSchema,
  /** A training job's steps (loss, reward, F1, IoU, KL, clip fraction, grad norm, lr; per domain), checkpoints and end. */
  trainingProgress: TrainingProgressSchema,
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
