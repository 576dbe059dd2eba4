/**
 * Messages between the import pipeline (main process) and a sandboxed parse worker process.
 * Plain JSON: the worker may be a Node child process or an Electron utilityProcess.
 */
import type { ParseOutcome, ParseLimits } from '../types';

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

export interface WorkerReady {
  type: 'ready';
}

export type WorkerMessage = ParseResponse | WorkerReady;
