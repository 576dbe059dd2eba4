/**
 * The normalised result of parsing one untrusted file (or one multi-file record such as WFDB .hea+.dat).
 *
 * Parsers run in a sandboxed child process and return these plain, structured-clone-able objects; the
 * import pipeline in the main process stores them. Nothing here holds pixel or sample arrays: the store
 * keeps metadata, and viewers/the model re-read the stored file when they need the data.
 */

/** Clinical domain of an object, as QoQ-Med groups its training and reward statistics. */
export const DOMAINS = [
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
] as const;
export type Domain = (typeof DOMAINS)[number];

/** What the store needs to know about the patient. Non-DICOM formats fill what they can. */
export interface PatientInfo {
  /** Patient ID (0010,0020) or the format's equivalent; synthesised from the record id when absent. */
  patientId: string;
  name?: string;
  birthDate?: string; // YYYYMMDD as in DICOM DA
  sex?: string;
}

export interface StudyInfo {
  /** Study Instance UID; non-DICOM formats get a deterministic 2.25.<uuid> derived from content. */
  studyInstanceUid: string;
  studyDate?: string; // YYYYMMDD
  studyTime?: string;
  description?: string;
  accessionNumber?: string;
  studyId?: string;
}

export interface SeriesInfo {
  seriesInstanceUid: string;
  modality: string; // DICOM modality code, or 'ECG', 'XC' (photo), 'OT'
  seriesNumber?: number;
  description?: string;
  bodyPart?: string;
}

/** Geometry of a DICOM image instance (first frame for multi-frame objects). */
export interface ImageGeometry {
  rows: number;
  columns: number;
  frames: number;
  /** Row spacing, column spacing in mm (PixelSpacing or ImagerPixelSpacing). */
  pixelSpacing?: [number, number];
  sliceThickness?: number;
  /** ImagePositionPatient of the first frame, mm. */
  imagePosition?: [number, number, number];
  /** ImageOrientationPatient: row cosines then column cosines. */
  imageOrientation?: [number, number, number, number, number, number];
  bitsAllocated: number;
  bitsStored?: number;
  pixelRepresentation?: number;
  samplesPerPixel: number;
  photometricInterpretation?: string;
  rescaleSlope?: number;
  rescaleIntercept?: number;
  windowCenter?: number;
  windowWidth?: number;
}

/** Whether the pixel data of an object could be decoded at import. */
export type PixelStatus =
  | { state: 'ok' }
  | { state: 'none' } // object carries no pixels (SR, header-only, waveform)
  | { state: 'undecodable'; reason: string };

/** Security/quality flags the importer attaches; shown to the user and kept in the store. */
export type ImportFlag =
  | 'suspicious-preamble' // MZ/ELF/Mach-O bytes in the 128-byte preamble (CVE-2019-11687 polyglots)
  | 'no-part10-header' // no preamble/DICM: transfer syntax was inferred
  | 'missing-transfer-syntax' // file meta present but (0002,0010) absent: inferred
  | 'deflated'
  | 'big-endian'
  | 'lossy-compressed'
  | 'burned-in-annotation'
  // Compressed multi-frame object imported with 'first-frame' pixel verification: frame 1 was decoded,
  // frames 2..n only checked structurally; damage inside one of them shows when it is first decoded.
  | 'later-frames-not-decoded';

export interface DicomObject {
  kind: 'dicom';
  /** What the object is, from its SOP class. */
  objectType: 'image' | 'seg' | 'sr' | 'waveform' | 'annotation' | 'presentation' | 'other';
  domain: Domain;
  patient: PatientInfo;
  study: StudyInfo;
  series: SeriesInfo;
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  instanceNumber?: number;
  geometry?: ImageGeometry;
  pixels: PixelStatus;
  /** For waveforms: the decoded ECG description (see EcgRecord). */
  waveform?: EcgSummary;
  flags: ImportFlag[];
  warnings: string[];
}

/** Description of an ECG recording (samples are re-read from the file on demand). */
export interface EcgSummary {
  format: 'dicom' | 'wfdb' | 'hl7-aecg' | 'philips-xml' | 'scp';
  /** Lead names in the order stored, normalised to I, II, III, aVR, aVL, aVF, V1..V6 where recognisable. */
  leads: string[];
  samplingRateHz: number;
  /** Samples per lead of the main (rhythm) recording. */
  samplesPerLead: number;
  /** Physical units of the decoded samples; parsers convert to microvolts. */
  units: 'uV';
  durationS: number;
  /** Free-text filter/acquisition info as found in the file (e.g. "0.05-150 Hz, notch 60 Hz"). */
  filterInfo?: string;
}

export interface EcgObject {
  kind: 'ecg';
  domain: 'ecg';
  patient: PatientInfo;
  study: StudyInfo;
  series: SeriesInfo;
  /** Stable id of the recording (file's own UID or derived from content hash). */
  recordId: string;
  waveform: EcgSummary;
  /** Extra files that belong to this record (e.g. WFDB .dat next to .hea), absolute paths. */
  companions: string[];
  flags: ImportFlag[];
  warnings: string[];
}

/** A bounding box in original image pixels, inclusive-exclusive not implied: [x_min, y_min, x_max, y_max]. */
export type Box = [number, number, number, number];

/** Optional JSON sidecar of a photo (same basename + .json). */
export interface PhotoSidecar {
  domain?: Domain;
  modality?: string;
  labels?: string[];
  boxes?: { label?: string; box: Box }[];
  /** Path of a mask image, relative to the sidecar. */
  maskPath?: string;
  patientId?: string;
  studyDescription?: string;
  [extra: string]: unknown;
}

export interface PhotoObject {
  kind: 'photo';
  domain: Domain;
  patient: PatientInfo;
  study: StudyInfo;
  series: SeriesInfo;
  format: 'png' | 'jpeg' | 'tiff';
  width: number;
  height: number;
  channels: number;
  bitDepth: number;
  sidecar?: PhotoSidecar;
  /** Sidecar JSON and mask files that belong to this photo, absolute paths. */
  companions: string[];
  pixels: PixelStatus;
  flags: ImportFlag[];
  warnings: string[];
}

export interface VolumeObject {
  kind: 'volume';
  format: 'nifti1' | 'nifti2';
  domain: Domain;
  patient: PatientInfo;
  study: StudyInfo;
  series: SeriesInfo;
  /** Voxel grid size (x, y, z[, t...]). */
  dims: number[];
  /** Voxel size in mm (and time step) from pixdim. */
  spacing: number[];
  /** 4x4 voxel-to-world (RAS+) affine, row-major, from sform (preferred) or qform. */
  affine: number[];
  datatype: string; // e.g. 'int16', 'uint8', 'float32'
  /** True when the volume holds integer labels (intent code label, or a small integer value set). */
  isLabelMap: boolean;
  pixels: PixelStatus;
  /** Files read together with the volume (its JSON sidecar), absolute paths. */
  companions?: string[];
  flags: ImportFlag[];
  warnings: string[];
}

/** A DICOMDIR: its referenced files are imported as ordinary files. */
export interface DicomDirObject {
  kind: 'dicomdir';
  /** Referenced files, validated and resolved inside the media root (absolute paths). */
  referencedFiles: string[];
  /** Referenced file IDs that were refused (e.g. `..`), with reasons. */
  refused: { fileId: string; reason: string }[];
  warnings: string[];
}

export type ParsedObject = DicomObject | EcgObject | PhotoObject | VolumeObject | DicomDirObject;

/** Outcome of offering one file to the parsers. */
export type ParseOutcome =
  | { status: 'parsed'; object: ParsedObject }
  /** Not a medical file (README, licence text, WFDB .dat alone): silently not imported. */
  | { status: 'not-medical'; reason: string }
  /** A medical-looking file that is damaged or refused: reported to the user with a specific reason. */
  | { status: 'rejected'; reason: string };

/** A fully decoded ECG recording: what viewers and the model read. Samples are microvolts. */
export interface EcgRecord {
  summary: EcgSummary;
  /** Main (rhythm) recording, one entry per lead in stored order. */
  leads: { name: string; samplesUv: Float32Array }[];
  patient?: Partial<PatientInfo>;
  /** Acquisition time as found in the file (ISO 8601 when it could be parsed). */
  acquisitionDateTime?: string;
}

/** Bytes of one file offered to the parser chain. */
export interface CandidateFile {
  /** Absolute path of the file as found (on media, or in a ZIP staging folder). */
  path: string;
  bytes: Uint8Array;
}

/**
 * Hard limits enforced before allocation. A file that would exceed one is rejected with a reason that
 * names the limit; nothing is allocated from a declared size that was not checked against these first.
 */
export interface ParseLimits {
  maxFileBytes: number;
  /** rows × columns × frames × samples × bytes per sample of decoded pixels. */
  maxPixelBytes: number;
  maxSequenceDepth: number;
  /** Largest decoded XML/JSON text accepted (ECG XML, sidecars). */
  maxTextBytes: number;
  /**
   * How much of a compressed multi-frame DICOM object the import decodes (not a limit, but it travels
   * with them from the service to the worker). See PixelVerification.
   */
  pixelVerification: PixelVerification;
}

/**
 * Pixel verification at import, for compressed (encapsulated) multi-frame objects only; native pixels
 * are always length-checked with the first frame decoded, single-frame objects always fully decoded.
 * - 'first-frame' (default): decode frame 1, check every later frame's structure (offset table,
 *   fragment bounds, codestream start/end markers, RLE header). Truncation and broken tables are
 *   still reported at import; damage inside an intact later frame's coded data is reported when that
 *   frame is first viewed. The object is flagged 'later-frames-not-decoded'.
 * - 'all-frames': decode every frame at import (20–120 ms a frame on these machines: minutes for a
 *   large enhanced CT), so any damage is reported while the media is still at hand.
 * Chosen per installation with QOQ_PIXEL_VERIFICATION (see src-main/import/pixelVerificationSetting.ts).
 */
export type PixelVerification = 'first-frame' | 'all-frames';

export const DEFAULT_LIMITS: ParseLimits = {
  maxFileBytes: 2 * 1024 ** 3,
  maxPixelBytes: 1.5 * 1024 ** 3,
  maxSequenceDepth: 64,
  maxTextBytes: 256 * 1024 ** 2,
  pixelVerification: 'first-frame',
};

/**
 * One link of the import chain (VolView-style): returns 'skip' when the file is not its format, so the
 * next handler is tried; otherwise it owns the outcome. Handlers never throw for bad input: they return
 * `{status: 'rejected', reason}`.
 */
export type FileHandler = (file: CandidateFile, limits: ParseLimits) => Promise<ParseOutcome | 'skip'>;
