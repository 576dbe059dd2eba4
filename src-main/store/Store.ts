/**
 * The public face of the local study store: what the import pipeline and the service layer call.
 * Implemented by openStore(); everything else in this folder is an implementation detail.
 */
import type { DicomDirObject, Domain, ParsedObject } from '../parsing/types';
import type { AuditEntry, AuditVerification, StudyDetail, StudySummary, Waveform } from '../contract/schemas';
import type { ReviewRepository } from './reviewRepository';
import type { StoredFileKind, StoredFileRow } from './storedFileQuery';

/** One file as the import pipeline placed it in the managed folder (never modified afterwards). */
export interface StoredFile {
  /** Lower-case hex SHA-256 of the file's bytes: the file's identity in the store. */
  sha256: string;
  size: number;
  /** Where the store's copy lives (absolute path). */
  storedPath: string;
  /** Where the file was found (CD, USB, ZIP entry), kept for provenance. */
  originalPath: string;
}

/** A parsed object with its main file and the companions it was read with (WFDB .dat, sidecar JSON, masks). */
export interface IngestItem {
  object: Exclude<ParsedObject, DicomDirObject>;
  file: StoredFile;
  companions: StoredFile[];
}

export interface IngestResult {
  /** Objects newly stored. */
  inserted: number;
  /**
   * Items that added no object: their main file's SHA-256 was already stored (also earlier in the same
   * batch), or, for DICOM, their SOP Instance UID was already stored from another file (see warnings).
   */
  duplicates: number;
  /** Distinct study ids of every item now in the store (new or already present), in first-seen order. */
  studyIds: number[];
  /** Store-level warnings only (UID conflicts, refused items). Parser warnings stay on the stored objects. */
  warnings: { path: string; warning: string }[];
  /** What happened to each item, in input order (so callers can count kinds and report refusals). */
  outcomes: ItemOutcome[];
}

export type ItemOutcome = { stored: 'new' | 'duplicate' } | { stored: 'refused'; reason: string };

export type StudySort = 'date' | 'patient' | 'imported';

export interface ListStudiesQuery {
  /** Case-insensitive substring of patient id/name, study description, accession or study UID. */
  text?: string;
  domain?: Domain;
  modality?: string;
  /** 'date' (default): newest study date first; 'patient': by name; 'imported': newest import first. */
  sort?: StudySort;
  /** Page size, 1..1000 (default 100). */
  limit?: number;
  offset?: number;
}

export interface AuditAppend {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  /** Any JSON-serialisable value (before/after, parameters). Absent is stored and hashed as null. */
  details?: unknown;
}

/** Append-only, hash-chained audit log (21 CFR 11.10(e)). */
export interface AuditLog {
  append(e: AuditAppend): AuditEntry;
  /** Newest entry first. */
  list(page: { limit?: number; offset?: number }): AuditEntry[];
  /** Recomputes the whole chain; reports the first entry that does not match. */
  verify(): AuditVerification;
}

export interface Store {
  /** Absolute path of the SQLite file. */
  readonly dbPath: string;
  /**
   * Filesystem type when the data folder is on a network filesystem (nfs, cifs, …), else undefined.
   * SQLite's locking and fsync guarantees do not hold there: callers should warn the user.
   */
  readonly networkFs: string | undefined;
  readonly audit: AuditLog;
  /** Stored analyses, reviewed findings and first reads (schema v2); every write audited in its transaction. */
  readonly review: ReviewRepository;
  hasFile(sha256: string): boolean;
  ingest(items: IngestItem[]): IngestResult;
  listStudies(q: ListStudiesQuery): { studies: StudySummary[]; total: number };
  getStudy(id: number): StudyDetail | undefined;
  getWaveform(id: number): Waveform | undefined;
  /** The stored file of one DICOM instance, by instance id. */
  getInstanceFile(id: number): { path: string; size: number } | undefined;
  /** The stored file of one instance, photo or NIfTI volume, by record id (the hosts' /files/<kind>/<id>). */
  getStoredFile(kind: StoredFileKind, id: number): StoredFileRow | undefined;
  /** PRAGMA integrity_check, rows joined by newlines: exactly 'ok' when healthy. */
  integrityCheck(): string;
  /** PRAGMA foreign_key_check rows: empty when healthy. */
  foreignKeyCheck(): unknown[];
  /** Online, consistent copy of the database via SQLite's backup API. */
  backup(toPath: string): Promise<void>;
  close(): void;
}
