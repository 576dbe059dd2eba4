// The one place cornerstone3D is initialised: core (WebGL rendering), the DICOM image loader and the
// tools. Every viewer awaits `ensureCornerstone()`; the work runs once per page.
import { cornerstoneStreamingImageVolumeLoader, init as initCore, volumeLoader, type Types } from '@cornerstonejs/core';
import { init as initDicomImageLoader } from '@cornerstonejs/dicom-image-loader';
import {
  AngleTool,
  CrosshairsTool,
  EllipticalROITool,
  LengthTool,
  PanTool,
  StackScrollTool,
  TrackballRotateTool,
  WindowLevelTool,
  ZoomTool,
  addTool,
  init as initTools,
} from '@cornerstonejs/tools';
import { POINTER_TOOLS } from './measure/measurementTools';
import { registerPhotoImageLoader } from './photo/photoImageLoader';
import { releaseEncodedPixelsOnceDecoded } from './releaseEncodedPixels';

/** Tools the stack viewer binds; registered globally once (cornerstone refuses duplicate names). */
export const STACK_TOOLS = [WindowLevelTool, PanTool, ZoomTool, StackScrollTool, LengthTool, AngleTool, EllipticalROITool] as const;
/** Extra tools of the MPR and 3D layouts (volume viewports only). */
export const VOLUME_TOOLS = [CrosshairsTool, TrackballRotateTool] as const;
/** The most viewports one rendering engine holds: the MPR layout's axial, sagittal and coronal planes. */
export const MAX_VIEWPORTS_PER_ENGINE = 3;
/** Scheme of the volume ids the MPR/3D layouts create. */
export const STREAMING_VOLUME_SCHEME = 'cornerstoneStreamingImageVolume';

let ready: Promise<void> | undefined;

export function ensureCornerstone(): Promise<void> {
  ready ??= Promise.resolve().then(() => {
    // One WebGL context per viewport the reader ever shows at once (the MPR layout's three planes) instead
    // of cornerstone's default 7: every rendering engine creates its whole pool up front (≈ 15 ms a
    // context on software WebGL, on the path to the first image — docs/benchmarks.md, Viewer), and the
    // stack and 3D layouts only ever use the first. A viewport beyond the count would share a context.
    // (`debug` is required by cornerstone's config type; empty keeps its defaults.)
    initCore({ rendering: { webGlContextCount: MAX_VIEWPORTS_PER_ENGINE }, debug: {} });
    // Registers the wadouri:/dicomweb: loaders and the metadata providers that read tags from the loaded
    // files. Decoding runs in module workers the loader creates with `new URL(…, import.meta.url)`, a form
    // Vite's production build rewrites and emits together with the codec .wasm files; the CSP allows
    // them ('self' workers, 'wasm-unsafe-eval'). One worker per two cores is the loader's own default;
    // it is kept: more workers only add memory on the small machines this runs on.
    initDicomImageLoader();
    // Without this every DICOM slice stays in memory twice (decoded, and inside the parsed file).
    releaseEncodedPixelsOnceDecoded();
    initTools();
    for (const tool of [...STACK_TOOLS, ...VOLUME_TOOLS]) addTool(tool);
    const stackToolNames = new Set<string>(STACK_TOOLS.map((t) => t.toolName));
    const missing = POINTER_TOOLS.filter((t) => !stackToolNames.has(t.toolName));
    if (missing.length) throw new Error(`pointer tools not registered: ${missing.map((t) => t.toolName).join(', ')}`);
    // Photos (PNG/JPEG/TIFF) are not DICOM: their own loader decodes them into cornerstone images.
    registerPhotoImageLoader();
    // Core's init registers no volume loader: without this, createAndCacheVolume rejects every
    // `cornerstoneStreamingImageVolume:` id.
    // The cast: VolumeLoaderFn types `options` as optional, this loader as required; createAndCacheVolume
    // always passes them (our calls give imageIds), so the mismatch is in cornerstone's typings only.
    volumeLoader.registerVolumeLoader(
      STREAMING_VOLUME_SCHEME,
      cornerstoneStreamingImageVolumeLoader as unknown as Types.VolumeLoaderFn,
    );
  });
  return ready;
}
