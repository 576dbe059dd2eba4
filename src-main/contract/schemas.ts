/**
 * Data shapes of the service contract, as zod schemas. Shared by the main process (validation of every
 * request that crosses IPC/HTTP) and the renderer (typed client). No runtime dependency but zod.
 */
import { z } from 'zod';

export const DomainSchema = z.enum([
  'cxr',
  'mammography',
  'skin',
  'fundus',
  'ultrasound',
  'pathology',
  'ct',
  'mri',
  'ecg',
  'other',
]);

const Vec3 = z.tuple([z.number(), z.number(), z.number()]);
const Vec6 = z.tuple([z.number(), z.number(), z.number(), z.number(), z.number(), z.number()]);

export const PixelStateSchema = z.enum(['ok', 'none', 'undecodable']);

export const InstanceSchema = z.object({
  id: z.number().int(),
  sopInstanceUid: z.string(),
  sopClassUid: z.string(),
  objectType: z.enum(['image', 'seg', 'sr', 'waveform', 'annotation', 'presentation', 'other']),
  transferSyntaxUid: z.string(),
  instanceNumber: z.number().nullable(),
  path: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  rows: z.number().int().nullable(),
  columns: z.number().int().nullable(),
  frames: z.number().int().nullable(),
  pixelSpacing: z.tuple([z.number(), z.number()]).nullable(),
  sliceThickness: z.number().nullable(),
  imagePosition: Vec3.nullable(),
  imageOrientation: Vec6.nullable(),
  pixelState: PixelStateSchema,
  pixelError: z.string().nullable(),
  flags: z.array(z.string()),
});

export const WaveformSchema = z.object({
  id: z.number().int(),
  path: z.string(),
  sha256: z.string(),
  format: z.enum(['dicom', 'wfdb', 'hl7-aecg', 'philips-xml', 'scp']),
  leads: z.array(z.string()),
  samplingRateHz: z.number(),
  samplesPerLead: z.number().int(),
  units: z.string(),
  durationS: z.number(),
  filterInfo: z.string().nullable(),
});

export const ImageSchema = z.object({
  id: z.number().int(),
  path: z.string(),
  sha256: z.string(),
  format: z.enum(['png', 'jpeg', 'tiff']),
  width: z.number().int(),
  height: z.number().int(),
  channels: z.number().int(),
  domain: DomainSchema,
  sidecar: z.record(z.string(), z.unknown()).nullable(),
  pixelState: PixelStateSchema,
  pixelError: z.string().nullable(),
});

export const VolumeSchema = z.object({
  id: z.number().int(),
  path: z.string(),
  sha256: z.string(),
  format: z.enum(['nifti1', 'nifti2']),
  dims: z.array(z.number().int()),
  spacing: z.array(z.number()),
  affine: z.array(z.number()).length(16),
  datatype: z.string(),
  isLabelMap: z.boolean(),
});

export const SeriesSchema = z.object({
  id: z.number().int(),
  seriesInstanceUid: z.string(),
  modality: z.string(),
  domain: DomainSchema,
  seriesNumber: z.number().nullable(),
  description: z.string().nullable(),
  instances: z.array(InstanceSchema),
  waveforms: z.array(WaveformSchema),
  images: z.array(ImageSchema),
  volumes: z.array(VolumeSchema),
});

export const StudySummarySchema = z.object({
  id: z.number().int(),
  studyInstanceUid: z.string(),
  patientId: z.string(),
  patientName: z.string().nullable(),
  studyDate: z.string().nullable(),
  description: z.string().nullable(),
  accessionNumber: z.string().nullable(),
  modalities: z.array(z.string()),
  domains: z.array(DomainSchema),
  seriesCount: z.number().int(),
  objectCount: z.number().int(),
  importedAt: z.string(),
});

export const StudyDetailSchema = z.object({
  study: StudySummarySchema,
  series: z.array(SeriesSchema),
});

/**
 * What the reader opens first for a study (getFirstImage): the series, how it opens, and the first DICOM
 * slice of a stack in display order — enough to request that slice before the full study reply arrives.
 */
export const FirstImageSchema = z.object({
  /** Null when the study has nothing the reader shows as an image (e.g. an ECG-only study). */
  seriesId: z.number().int().nullable(),
  view: z.enum(['stack', 'volume']).nullable(),
  /** The first slice of a DICOM stack; null for photos, NIfTI volumes and studies without images. */
  instance: z.object({ id: z.number().int(), frames: z.number().int().nullable() }).nullable(),
});

export const RejectedFileSchema = z.object({ path: z.string(), reason: z.string() });

export const ImportReportSchema = z.object({
  jobId: z.string(),
  /** Objects newly stored (files, or multi-file records such as WFDB). */
  imported: z.number().int(),
  /** Already in the store (same SHA-256): nothing added. */
  skipped: z.number().int(),
  rejected: z.array(RejectedFileSchema),
  /** Files that are not medical data (README, licence text, WFDB .dat read through its .hea). */
  notMedical: z.number().int(),
  /** Imported objects per kind, e.g. {"dicom:image": 120, "ecg:wfdb": 2, "photo": 3}. */
  countsByKind: z.record(z.string(), z.number().int()),
  /** Warnings worth showing (inferred transfer syntax, suspicious preamble, …) per file. */
  warnings: z.array(z.object({ path: z.string(), warning: z.string() })),
  studyIds: z.array(z.number().int()),
  durationMs: z.number(),
});

export const ImportProgressSchema = z.object({
  jobId: z.string(),
  phase: z.enum(['scanning', 'importing', 'done']),
  done: z.number().int(),
  total: z.number().int(),
  imported: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  currentPath: z.string().optional(),
});

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  atUtc: z.string(),
  actor: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  details: z.unknown(),
  hash: z.string(),
});

export const AuditVerificationSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  /** First entry whose hash does not match its content or its predecessor. */
  firstBadSeq: z.number().int().nullable(),
});

export const ModelPackageStatusSchema = z.object({
  dir: z.string(),
  name: z.string().nullable(),
  version: z.string().nullable(),
  sha256: z.string().nullable(),
  verified: z.boolean(),
  problem: z.string().nullable(),
  intendedUse: z.string().nullable(),
});

/** Shown with every AI result, in every host and export. */
export const RESEARCH_USE_NOTICE = 'Research use only — not for diagnostic use. Demonstration model.';

export const AnalysisBoxSchema = z.object({
  x1: z.number(),
  y1: z.number(),
  x2: z.number(),
  y2: z.number(),
  /** Which image the box is on: `<SOP Instance UID>#<frame>`, `image:<id>` or `volume:<id>#<slice>`. */
  ref: z.string(),
});

export const AnalysisResultSchema = z.object({
  jobId: z.string(),
  studyId: z.number().int(),
  /** The model's reasoning (<think> block); null when it wrote none. */
  trace: z.string().nullable(),
  /** Labels of the final \boxed{} answer. */
  answer: z.array(z.string()),
  findings: z.array(
    z.object({
      label: z.string(),
      inAnswer: z.boolean(),
      /** In original pixel coordinates of the referenced image. */
      boxes: z.array(AnalysisBoxSchema),
      /** Trace sentences that mention the label. */
      sentences: z.array(z.string()),
    }),
  ),
  /** The model's text, unedited. */
  raw: z.string(),
  model: z.object({ id: z.string(), name: z.string(), version: z.string(), sha256: z.string() }),
  inputs: z.array(z.object({ ref: z.string(), kind: z.enum(['dicom', 'photo', 'nifti', 'ecg']) })),
  finishReason: z.enum(['eos', 'length', 'cancelled']),
  seed: z.number().int(),
  timings: z.object({ ttftMs: z.number(), tokensPerS: z.number(), totalMs: z.number() }),
  notice: z.literal(RESEARCH_USE_NOTICE),
});

export const WaveformSamplesSchema = z.object({
  waveform: WaveformSchema,
  /** Start of the returned window within the recording, seconds. */
  startS: z.number().nonnegative(),
  samplingRateHz: z.number().positive(),
  /** Microvolts, one array per lead in stored order; NaN is sent as null and means "no sample". */
  leads: z.array(z.object({ name: z.string(), samplesUv: z.array(z.number().nullable()) })),
});

export const AnalysisTokenSchema = z.object({ jobId: z.string(), text: z.string() });

export type Instance = z.infer<typeof InstanceSchema>;
export type Waveform = z.infer<typeof WaveformSchema>;
export type ImageRecord = z.infer<typeof ImageSchema>;
export type VolumeRecord = z.infer<typeof VolumeSchema>;
export type Series = z.infer<typeof SeriesSchema>;
export type StudySummary = z.infer<typeof StudySummarySchema>;
export type StudyDetail = z.infer<typeof StudyDetailSchema>;
export type FirstImage = z.infer<typeof FirstImageSchema>;
export type ImportReport = z.infer<typeof ImportReportSchema>;
export type ImportProgress = z.infer<typeof ImportProgressSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;
export type ModelPackageStatus = z.infer<typeof ModelPackageStatusSchema>;
export type AnalysisResult = z.infer<typeof AnalysisResultSchema>;
export type WaveformSamples = z.infer<typeof WaveformSamplesSchema>;
export type AnalysisBox = z.infer<typeof AnalysisBoxSchema>;

/** One content item of a DICOM SR, with its children (PS3.3 C.17.3); see parsing/dicom/readSrDocument.ts. */
export interface SrNode {
  relationship: string | null;
  valueType: string;
  concept: string | null;
  value: string | null;
  children: SrNode[];
}

export const SrNodeSchema: z.ZodType<SrNode> = z.lazy(() =>
  z.object({
    relationship: z.string().nullable(),
    valueType: z.string(),
    concept: z.string().nullable(),
    value: z.string().nullable(),
    children: z.array(SrNodeSchema),
  }),
);

/** A stored structured report as the reader sees it: title, flags and the content tree. */
export const StructuredReportSchema = z.object({
  instanceId: z.number().int(),
  title: z.string().nullable(),
  completion: z.string().nullable(),
  verification: z.string().nullable(),
  root: SrNodeSchema,
  /** Items left out of a very large tree. */
  omitted: z.number().int(),
});
export type StructuredReport = z.infer<typeof StructuredReportSchema>;
