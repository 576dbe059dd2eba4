/**
 * Limits of one POST /api/upload of the browser host, shared by the host (which refuses a request over
 * them) and the page (which splits a bigger drop into requests under them, planUploadBatches.ts).
 */
export interface UploadLimits {
  /** Whole request body; the host holds it in memory while parsing it, hence the modest default (256 MiB). */
  maxBytes: number;
  /** Files per request (default 2,000). */
  maxFiles: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { maxBytes: 256 * 1024 * 1024, maxFiles: 2000 };

/**
 * Room left per file for its multipart part headers (boundary, Content-Disposition with the name,
 * Content-Type): generous, so a planned request never goes over maxBytes.
 */
export const MULTIPART_BYTES_PER_FILE = 1024;
