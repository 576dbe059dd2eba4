import { createRequire } from 'node:module';

// Packages stay external to the worker bundle; require() resolves them from node_modules at run time,
// as wasmCodec.ts does for the codec packages.
const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded on first use instead of at worker start. Every parse worker used to load all
 * format libraries up front (≈ 30 MB resident and a few hundred ms per worker start); a DICOM-only import
 * never touches the photo, XML or sidecar-schema ones. Synchronous, so the callers stay synchronous.
 * `T` is the package's module type, e.g. `lazyRequire<typeof import('pngjs')>('pngjs')`.
 */
export function lazyRequire<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}
