/**
 * The pixel route shared by both hosts: `/files/instances/<id>` serves the stored DICOM bytes of one
 * instance, so the viewer's image loader (wadouri:) reads the app's own files with no network and no
 * filesystem access in the renderer. Plain Node, no Electron: the browser host uses it too.
 */

export const INSTANCE_FILE_PREFIX = '/files/instances/';

/** The instance id in a route path, or undefined when the path is not exactly this route. */
export function parseInstanceFileId(pathname: string): number | undefined {
  if (!pathname.startsWith(INSTANCE_FILE_PREFIX)) return undefined;
  const rest = pathname.slice(INSTANCE_FILE_PREFIX.length);
  // Digits only (no signs, dots, encodings or extra segments) and small enough to be an exact integer.
  if (!/^[1-9]\d{0,14}$/.test(rest)) return undefined;
  return Number(rest);
}

/** Headers of a served instance (besides the security headers each host adds). */
export function instanceFileHeaders(size: number): Record<string, string> {
  return {
    'Content-Type': 'application/dicom',
    'Content-Length': String(size),
    // Patient data: never kept in the browser's HTTP cache; cornerstone keeps its own in-memory cache.
    'Cache-Control': 'no-store',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/**
 * The general form of the route: `/files/instances/<id>` (DICOM), `/files/images/<id>` (photos) and
 * `/files/volumes/<id>` (NIfTI), each id looked up in the store by its kind.
 */
export const STORED_FILE_KINDS = ['instances', 'images', 'volumes'] as const;
export type StoredFileRouteKind = (typeof STORED_FILE_KINDS)[number];
export const STORED_FILE_PREFIX = '/files/';

export function parseStoredFileRoute(pathname: string): { kind: StoredFileRouteKind; id: number } | undefined {
  const kind = STORED_FILE_KINDS.find((k) => pathname.startsWith(`${STORED_FILE_PREFIX}${k}/`));
  if (!kind) return undefined;
  const id = parseInstanceFileId(`${INSTANCE_FILE_PREFIX}${pathname.slice(`${STORED_FILE_PREFIX}${kind}/`.length)}`);
  return id === undefined ? undefined : { kind, id };
}

/** Headers of any served stored file (the security headers each host adds come on top). */
export function storedFileHeaders(contentType: string, size: number): Record<string, string> {
  return { ...instanceFileHeaders(size), 'Content-Type': contentType };
}
