/**
 * Takes cornerstone's start-up and the first slice's download off the path to the first image.
 *
 * Measured (docs/benchmarks.md, Viewer): without this the app asked for the first file ~300 ms later
 * than a bare cornerstone page, because cornerstone was initialised only when the stack viewer mounted,
 * i.e. after the study had been fetched and the whole study detail rendered. Here initialisation starts
 * while the study is being fetched, and the first slice of the series the reader will open is requested
 * as soon as the service names it (getFirstImage, a small reply sent ahead of getStudy's, whose size
 * grows with the series) — before the study arrives and Vue renders anything. The stack viewer then
 * finds the slice in cornerstone's cache (same image id, same loader options as its own request).
 *
 * The stack viewer's rendering engine (its WebGL context pool, ~50 ms on software WebGL) is made here too,
 * while the study is still on its way, and handed to the viewer when it mounts (takeWarmEngine).
 */
import { Enums, imageLoader, RenderingEngine } from '@cornerstonejs/core';
import type { FirstImage } from '../../../src-main/contract/schemas';
import { ensureCornerstone } from './cornerstoneSetup';
import { imageIdsFor } from './instanceImageIds';

/** An engine made ahead of the stack viewer that will need it; at most one exists. */
let spare: RenderingEngine | undefined;
let spares = 0;

/**
 * Starts cornerstone's initialisation now, then makes a rendering engine for the stack viewer.
 * A failure is reported by the viewers that await initialisation.
 */
export function warmUpCornerstone(): void {
  ensureCornerstone()
    .then(() => {
      spare ??= new RenderingEngine(`qoq-engine-warm-${++spares}`);
    })
    .catch(() => undefined);
}

/** The engine made by warmUpCornerstone, now owned (and destroyed) by the caller; undefined if none. */
export function takeWarmEngine(): RenderingEngine | undefined {
  const engine = spare;
  spare = undefined;
  return engine;
}

/** The study opens no stack: its engine would hold WebGL contexts for nothing until the next study. */
function dropWarmEngine(): void {
  // Chained like the creation, so an engine still being made is dropped too.
  ensureCornerstone()
    .then(() => takeWarmEngine()?.destroy())
    .catch(() => undefined);
}

/**
 * Requests the first slice the reader will show, as the service's getFirstImage names it (the same
 * shared hanging-protocol rule StudyDetail opens the reader with: src-shared/hangingProtocol).
 * Only DICOM slices (photos and NIfTI volumes are cheap or open otherwise).
 * Best effort: on failure the stack viewer's own load reports the error.
 */
export function prefetchFirstImage(first: FirstImage): void {
  // A NIfTI series opens as MPR, not as a stack (an ECG-only study shows no images at all).
  if (first.view !== 'stack') return dropWarmEngine();
  if (!first.instance) return; // photos: the stack still opens, from its own small loads
  const imageId = imageIdsFor([first.instance], window.location.origin)[0];
  if (!imageId) return;
  ensureCornerstone()
    // StackViewport's own request for the image it shows, less `useRGBA: false` (not in the typed options;
    // the loader treats it as absent), so the cached image is decoded exactly as it would decode it.
    .then(() => imageLoader.loadAndCacheImage(imageId, { priority: 5, requestType: Enums.RequestType.Interaction }))
    .catch(() => undefined);
}
