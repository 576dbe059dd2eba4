/**
 * The reader's review of AI output, as the contract carries it: stored analyses, findings with the
 * reader's decisions, the optional blinded first read, the study's ground truth, and the export request.
 * One data model for the review panel (renderer), the store (migration v2), fine-tuning (reviewed findings
 * are the site's ground truth) and every export format (PDF, DICOM SR, FHIR, JSON).
 */
import { z } from 'zod';
import { AnalysisBoxSchema, AnalysisResultSchema, DomainSchema, RESEARCH_USE_NOTICE, StudyDetailSchema } from './schemas';

/** A box as the reader sees and edits it: original pixel coordinates on one image (`ref` as in AnalysisBox). */
export const ReviewBoxSchema = AnalysisBoxSchema;

/**
 * What the reader decided about one finding.
 * - `pending`: shown, not yet reviewed;
 * - `accepted`: the AI finding is right as it stands;
 * - `edited`: right after the reader's change (label and/or boxes; the AI's original is kept);
 * - `rejected`: wrong; kept (with the AI's original) so exports and fine-tuning can learn from it;
 * - `added`: a finding the AI missed, written by the reader (no AI original).
 */
export const FindingDecisionSchema = z.enum(['pending', 'accepted', 'edited', 'rejected', 'added']);

export const ReviewedFindingSchema = z.object({
  id: z.number().int(),
  studyId: z.number().int(),
  /** The stored analysis that proposed it; null for a finding the reader added. */
  analysisId: z.number().int().nullable(),
  /** Current label and boxes (after any edit). */
  label: z.string(),
  boxes: z.array(ReviewBoxSchema),
  /** What the model wrote, unchanged by edits; null for reader-added findings. */
  original: z.object({ label: z.string(), boxes: z.array(ReviewBoxSchema), inAnswer: z.boolean() }).nullable(),
  /** Trace sentences citing the label (empty for reader-added findings). */
  sentences: z.array(z.string()),
  decision: FindingDecisionSchema,
  /** Acting user and UTC ISO time of the last decision (null while pending). */
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
});

/** An analysis as stored: the contract's AnalysisResult plus its store id and time. */
export const StoredAnalysisSchema = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  result: AnalysisResultSchema,
});

/** The reader's impression recorded BEFORE any AI output of the study was shown (blinded first read). */
export const FirstReadSchema = z.object({
  impression: z.string(),
  labels: z.array(z.string()),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

/**
 * Ground truth known for the study, from the most trusted source available per image: an imported
 * DICOM SEG or SR, a photo/NIfTI sidecar (labels, box, mask), or the reader's reviewed findings.
 * Masks are referenced, not inlined; IoU against a mask uses the mask's pixels (reward rule).
 */
export const GroundTruthSchema = z.object({
  source: z.enum(['seg', 'sr', 'sidecar', 'review']),
  labels: z.array(z.string()),
  boxes: z.array(ReviewBoxSchema.extend({ label: z.string().nullable() })),
  /** `image:<id>` / `<SOP Instance UID>#<frame>` → a mask the server can rasterise for IoU. */
  maskRefs: z.array(z.string()),
});

export const StudyReviewSchema = z.object({
  studyId: z.number().int(),
  /** The label vocabulary the reader may choose from (the domain's, from the active model or the lab). */
  vocabulary: z.record(DomainSchema, z.array(z.string())),
  analyses: z.array(StoredAnalysisSchema),
  findings: z.array(ReviewedFindingSchema),
  firstRead: FirstReadSchema.nullable(),
  groundTruth: GroundTruthSchema.nullable(),
});

/** Everything an export writes about one study; built from the store, rendered by each format. */
export const StudyReportSchema = z.object({
  detail: StudyDetailSchema,
  review: StudyReviewSchema,
  generatedAt: z.string(),
  generatedBy: z.string(),
  notice: z.literal(RESEARCH_USE_NOTICE),
});

export const ExportFormatSchema = z.enum(['pdf', 'sr', 'fhir', 'json']);

export const ExportRequestSchema = z
  .object({
    studyIds: z.array(z.number().int().positive()).min(1).max(1000),
    formats: z.array(ExportFormatSchema).min(1),
    /** DICOM PS3.15 Annex E Basic Application Level Confidentiality Profile on every output. */
    deidentify: z.boolean(),
    /** Output folder; omitted: a new `<dataDir>/exports/<UTC timestamp>-study-<id>/` (the UI's default). */
    outDir: z.string().min(1).max(4096).optional(),
  })
  .strict();

export const ExportResultSchema = z.object({
  /** The folder the files were written to (the default one when the request named none); absent when nothing was written. */
  outDir: z.string().optional(),
  files: z.array(z.object({ studyId: z.number().int(), format: ExportFormatSchema, path: z.string(), sha256: z.string() })),
  failed: z.array(z.object({ studyId: z.number().int(), format: ExportFormatSchema, reason: z.string() })),
});

export type ReviewBox = z.infer<typeof ReviewBoxSchema>;
export type FindingDecision = z.infer<typeof FindingDecisionSchema>;
export type ReviewedFinding = z.infer<typeof ReviewedFindingSchema>;
export type StoredAnalysis = z.infer<typeof StoredAnalysisSchema>;
export type FirstRead = z.infer<typeof FirstReadSchema>;
export type GroundTruth = z.infer<typeof GroundTruthSchema>;
export type StudyReview = z.infer<typeof StudyReviewSchema>;
export type StudyReport = z.infer<typeof StudyReportSchema>;
export type ExportFormat = z.infer<typeof ExportFormatSchema>;
export type ExportRequest = z.infer<typeof ExportRequestSchema>;
export type ExportResult = z.infer<typeof ExportResultSchema>;
