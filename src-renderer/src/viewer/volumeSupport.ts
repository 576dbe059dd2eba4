// What the MPR and 3D layouts need besides cornerstone itself: which series can be shown as a volume,
// the per-file metadata the volume loader reads before it streams, and a sample distance fit for the
// machine's WebGL.
import { wadouri, internal as loaderInternal } from '@cornerstonejs/dicom-image-loader';
import type { Series } from '../../../src-main/contract/schemas';
import { displayableInstances } from './sliceOrder';

export type ViewerLayout = 'stack' | 'mpr' | '3d';

const VOLUME_MODALITIES = new Set(['CT', 'MR']);
/** Fewer slices give no usable sagittal/coronal image (and cornerstone needs ≥ 2 to derive spacing). */
export const MIN_VOLUME_SLICES = 3;

/**
 * A series is offered as a volume when it is CT/MR with enough single-frame slices that all carry
 * geometry: the volume's spacing and direction come from the slice positions, and a multi-frame
 * object would need the enhanced per-frame functional groups, which this viewer does not read.
 */
export function canShowAsVolume(series: Series): boolean {
  if (isNiftiSeries(series)) return true;
  if (!VOLUME_MODALITIES.has(series.modality.toUpperCase())) return false;
  const slices = displayableInstances(series.instances);
  return (
    slices.length >= MIN_VOLUME_SLICES &&
    slices.every((i) => (i.frames ?? 1) <= 1 && i.imagePosition !== null && i.imageOrientation !== null)
  );
}

/** A series of NIfTI volumes (no DICOM images) with a real third dimension: shown as MPR/3D only. */
export function isNiftiSeries(series: Series): boolean {
  return displayableInstances(series.instances).length === 0 && (series.volumes[0]?.dims[2] ?? 0) >= MIN_VOLUME_SLICES;
}

/** The file URL behind a `wadouri:` image id (the loader caches parsed files by this key). */
function fileUri(imageId: string): string {
  return imageId.replace(/^wadouri:/, '').replace(/[?&]frame=\d+$/, '');
}

/**
 * The streaming volume loader asks the metadata providers for every slice's geometry BEFORE it fetches
 * any pixels, and the wadouri provider only answers for files it has already parsed. So every file is
 * fetched and parsed first (the pixels then come from this same cache). Returns the release that drops
 * the parsed files again (the cache is reference counted; the stack viewer may still hold them).
 */
export async function preloadFileMetadata(imageIds: readonly string[]): Promise<() => void> {
  const uris = [...new Set(imageIds.map(fileUri))];
  const loaded: string[] = [];
  const release = () => {
    for (const uri of loaded.splice(0)) wadouri.dataSetCacheManager.unload(uri);
  };
  // The loader's own default request, wrapped: its typings declare the extra arguments `unknown`, which
  // its xhrRequest (typed headers/params) does not accept, though it is the very function used by default.
  const request = (url: string, imageId: string) => loaderInternal.xhrRequest(url, imageId);
  try {
    await Promise.all(
      uris.map(async (uri, n) => {
        await wadouri.dataSetCacheManager.load(uri, request, imageIds[n] ?? uri);
        loaded.push(uri);
      }),
    );
  } catch (e) {
    release();
    throw e;
  }
  return release;
}

/** Software WebGL (no GPU, e.g. SwiftShader or llvmpipe) renders one full-quality 3D frame in seconds. */
export function isSoftwareWebGl(): boolean {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  // Chromium keeps a handful of live contexts per page; give this probe's back at once.
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
}

/**
 * Ray-casting step for the 3D view, as a multiple of cornerstone's default (a sixth of the summed voxel
 * spacing). Coarser steps on software WebGL keep rotation interactive at the cost of finer detail.
 */
export function volumeSampleDistanceMultiplier(): number {
  return isSoftwareWebGl() ? 4 : 1;
}

/** The transfer-function preset the 3D view opens with (cornerstone's VIEWPORT_PRESETS names). */
export function volumeRenderingPreset(modality: string): string {
  return modality.toUpperCase() === 'CT' ? 'CT-Bone' : 'MR-Default';
}
