/**
 * Keeps one copy of each slice in memory instead of two.
 *
 * cornerstone 5.14's wadouri loader parses every file it loads into NATURALIZED metadata
 * (@cornerstonejs/metadata) — every tag *and* the file's pixel data — and keeps it for the page's
 * lifetime, beside the decoded image in cornerstone's cache. For a 512² × 300 CT that is a second
 * 150 MB copy of the voxels (the benchmark's "unnamed" 1×, docs/benchmarks.md). Once a single-frame
 * image is decoded and cached its stored pixels are never read again, so they are dropped here; the
 * tags stay, so geometry, modality LUT, VOI etc. still answer for that image id.
 *
 * Should the image be loaded again (evicted from the cache, `ignoreCache`), the wadouri loader is
 * wrapped so that the file is fetched and parsed anew — it would otherwise find metadata without pixels
 * and fail.
 */
import { Enums, eventTarget, registerImageLoader, type Types } from '@cornerstonejs/core';
import { internal, wadouri } from '@cornerstonejs/dicom-image-loader';
import { Enums as MetadataEnums, utilities as metadataUtilities } from '@cornerstonejs/metadata';

const NATURALIZED = MetadataEnums.MetadataModules.NATURALIZED;
/** Where the naturalized dataset may hold pixels (compressedFrameData.ts of @cornerstonejs/metadata). */
const PIXEL_KEYS = ['PixelData', 'FramePixelData', 'FloatPixelData', '7FE00010', '7fe00010', '7FE00008', '7fe00008'];
const SCHEME = 'wadouri:';

/** Base image ids (one per file) whose stored pixels were dropped. */
const released = new Set<string>();

/** The id the metadata is stored under: one per file, without a frame suffix. */
function baseImageId(imageId: string): string {
  return imageId.replace(/[?&]frame=\d+$/, '');
}

/**
 * The naturalized dataset as the metadata cache holds it. Read from the cache itself: a provider lookup
 * (`metaData.get`) was seen to miss it while the same entry refused a re-add (300-slice CT, MPR).
 */
function cachedNatural(base: string): Record<string, unknown> | undefined {
  return metadataUtilities.getCacheData(NATURALIZED, base) as Record<string, unknown> | undefined;
}

function releasePixels(imageId: string): void {
  if (!imageId.startsWith(SCHEME)) return;
  const base = baseImageId(imageId);
  if (released.has(base)) return;
  const natural = cachedNatural(base);
  // A multi-frame file's other frames still need the stored pixels.
  if (!natural || Number(natural.NumberOfFrames ?? 1) > 1) return;
  let dropped = false;
  for (const key of PIXEL_KEYS) {
    if (natural[key] === undefined) continue;
    delete natural[key];
    dropped = true;
  }
  if (dropped) released.add(base);
}

type LoadImage = typeof wadouri.loadImageFromNaturalizedMetadata;

/** Pending re-reads, so concurrent loads of one released file fetch it once. */
const restoring = new Map<string, Promise<void>>();

/** Fetches and parses a released file again and puts its pixels back into the kept metadata. */
function restorePixels(base: string, imageId: string): Promise<void> {
  let pending = restoring.get(base);
  if (!pending) {
    pending = (async () => {
      const file = await internal.xhrRequest(base.slice(SCHEME.length), imageId);
      const parsed = (await metadataUtilities.naturalizePart10Buffer(file)) as Record<string, unknown>;
      // Into the object the metadata cache holds: its tags never went away, and the cache refuses a
      // second entry for the same id.
      const natural = cachedNatural(base);
      if (natural) for (const key of PIXEL_KEYS) if (parsed[key] !== undefined) natural[key] = parsed[key];
      released.delete(base);
    })().finally(() => restoring.delete(base));
    restoring.set(base, pending);
  }
  return pending;
}

function hasPixels(natural: Record<string, unknown> | undefined): boolean {
  return natural !== undefined && PIXEL_KEYS.some((key) => natural[key] !== undefined);
}

/**
 * The loader, restoring a released file's pixels first. Cornerstone does re-request cached slices:
 * `setDefaultVolumeVOI` reloads the middle slice with `ignoreCache` when the volume has no window.
 *
 * A load can also lose its pixels mid-flight: when two loads of one file overlap (the stack's prefetch
 * and the MPR volume's streaming, which bypasses the image cache), the second one fetches the file but,
 * finding the id already in the metadata cache, decodes from that entry — whose pixels the first load's
 * release may just have dropped ("no pixel data in NATURALIZED"; MPR then failed on the 512² × 300 CT).
 * Such a load is retried once after the pixels are put back.
 */
const reloadingLoader: LoadImage = (imageId, options) => {
  const base = baseImageId(imageId);
  const load = () => wadouri.loadImageFromNaturalizedMetadata(imageId, options).promise;
  if (released.has(base) || restoring.has(base)) return { promise: restorePixels(base, imageId).then(load) };
  const first = wadouri.loadImageFromNaturalizedMetadata(imageId, options);
  const promise = first.promise.catch((error: unknown) => {
    if (released.has(base) || restoring.has(base)) return restorePixels(base, imageId).then(load);
    // Restored by another load in the meantime.
    if (hasPixels(cachedNatural(base))) return load();
    throw error;
  });
  return { ...first, promise };
};

let installed = false;

/** Call once, after the DICOM image loader's init (which registers the loader this replaces). */
export function releaseEncodedPixelsOnceDecoded(): void {
  if (installed) return;
  installed = true;
  // The cast: core types loaders as returning an IImageLoadObject; this one returns the same object the
  // dicom loader does (its typings declare a narrower promise type).
  registerImageLoader('wadouri', reloadingLoader as unknown as Types.ImageLoaderFn);
  eventTarget.addEventListener(Enums.Events.IMAGE_CACHE_IMAGE_ADDED, (event: Event) => {
    const { image } = (event as Types.EventTypes.ImageCacheImageAddedEvent).detail;
    releasePixels(image.imageId);
  });
}
