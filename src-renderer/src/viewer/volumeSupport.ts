// What the MPR and 3D layouts need besides cornerstone itself: which series can be shown as a volume,
// and a sample distance fit for the machine's WebGL.
import type { Series } from '../../../src-main/contract/schemas';
import { isNiftiSeries, MIN_VOLUME_SLICES } from '../../../src-shared/hangingProtocol/firstView';
import { displayableInstances } from '../../../src-shared/hangingProtocol/sliceOrder';

export type ViewerLayout = 'stack' | 'mpr' | '3d';

const VOLUME_MODALITIES = new Set(['CT', 'MR']);

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
