/**
 * Messages between the import pipeline (main process) and a sandboxed parse worker process.
 * Plain JSON: the worker may be a Node child process or an Electron utilityProcess.
 */
import type { SrDocument } from '../dicom/readSrDocument';
import type { EcgRecord, EcgSummary, ParseOutcome, ParseLimits } from '../types';

/** A file as copied into the content-addressed object store. */
export interface StoredFile {
  sha256: string;
  size: number;
  /** Path inside the data folder's object store (absolute). */
  storedPath: string;
  /** Where the file was found (media, folder, ZIP staging). */
  originalPath: string;
}

export interface ParseRequest {
  type: 'parse';
  taskId: number;
  path: string;
  /** Folder of the content-addressed object store; parsed files (and companions) are copied there. */
  objectsDir: string;
  limits: ParseLimits;
}

export interface ParseResponse {
  type: 'result';
  taskId: number;
  outcome: ParseOutcome;
  /** Present when the outcome is 'parsed' and the object is not a DICOMDIR. */
  file?: StoredFile;
  companions?: StoredFile[];
}

/** Decode a stored ECG for the reader (on demand, after import). */
export interface ReadEcgRequest {
  type: 'read-ecg';
  taskId: number;
  path: string;
  format: EcgSummary['format'];
  limits: ParseLimits;
}

export interface ReadEcgResponse {
  type: 'ecg';
  taskId: number;
  record: EcgRecord;
}

/** Read a stored DICOM SR's content tree for the reader (on demand, after import). */
export interface ReadSrRequest {
  type: 'read-sr';
  taskId: number;
  path: string;
  limits: ParseLimits;
}

export interface ReadSrResponse {
  type: 'sr';
  taskId: number;
  document: SrDocument;
}

/** A task that failed in the worker (or whose worker crashed, timed out or ran out of memory). */
export interface FailedResponse {
  type: 'failed';
  taskId: number;
  reason: string;
}

export interface WorkerReady {
  type: 'ready';
}

export type WorkerRequest = ParseRequest | ReadEcgRequest | ReadSrRequest;
export type WorkerReply = ParseResponse | ReadEcgResponse | ReadSrResponse | FailedResponse;
export type WorkerMessage = WorkerReply | WorkerReady;
