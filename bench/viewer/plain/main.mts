// The baseline of `npm run bench:viewer`: the least a page must do to show a series with cornerstone3D —
// a stack viewport, then three orthographic (MPR) viewports over a streaming volume — using the same
// cornerstone packages, the same wadouri loader and the same file URLs as the app, and nothing else
// (no Vue, no store, no tools, no overlays, no study lookup). The bench drives it through
// `window.plainBench` and reads the timings with the same in-page probe it uses for the app: a render is
// a CORNERSTONE_IMAGE_RENDERED event on an element with the app's data-testid, "MPR ready" is
// data-status="ready" on the `.volume-viewer` element, as in the app.
import {
  Enums,
  RenderingEngine,
  cache,
  cornerstoneStreamingImageVolumeLoader,
  eventTarget,
  init as initCore,
  setVolumesForViewports,
  volumeLoader,
  type Types,
} from '@cornerstonejs/core';
import { init as initDicomImageLoader, wadouri } from '@cornerstonejs/dicom-image-loader';

export interface ViewportSize {
  width: number;
  height: number;
}

export interface PlainBench {
  /** Shows the first image of `imageIds` in a stack viewport of `size` CSS px. */
  openStack(imageIds: string[], size: ViewportSize): Promise<void>;
  /** Replaces the stack by axial/sagittal/coronal viewports (each of `size`) over one volume. */
  openMpr(size: ViewportSize): Promise<void>;
  /** Bytes in cornerstone's cache (decoded images + volumes), for the memory report. */
  cacheBytes(): number;
  /** Bytes of whole DICOM files the wadouri loader keeps parsed (its dataset cache). */
  fileCacheBytes(): number;
}

declare global {
  interface Window {
    plainBench: PlainBench;
  }
}

const VOLUME_SCHEME = 'cornerstoneStreamingImageVolume';
const root = document.getElementById('root') as HTMLDivElement;
let initialised = false;
let stackEngine: RenderingEngine | undefined;
let imageIds: string[] = [];

/** Lazily, as the app does on first view, so both sides count cornerstone's start-up the same way. */
function ensureInit(): void {
  if (initialised) return;
  initCore();
  initDicomImageLoader();
  // The cast: cornerstone's VolumeLoaderFn declares `options` optional, this loader requires it.
  volumeLoader.registerVolumeLoader(VOLUME_SCHEME, cornerstoneStreamingImageVolumeLoader as unknown as Types.VolumeLoaderFn);
  initialised = true;
}

function viewportElement(testId: string, size: ViewportSize): HTMLDivElement {
  const el = document.createElement('div');
  el.dataset.testid = testId;
  el.style.width = `${size.width}px`;
  el.style.height = `${size.height}px`;
  return el;
}

async function openStack(ids: string[], size: ViewportSize): Promise<void> {
  ensureInit();
  imageIds = ids;
  const el = viewportElement('viewport', size);
  root.append(el);
  stackEngine = new RenderingEngine('plain-stack');
  stackEngine.enableElement({ viewportId: 'stack', type: Enums.ViewportType.STACK, element: el, defaultOptions: { background: [0, 0, 0] } });
  const viewport = stackEngine.getViewport('stack') as Types.IStackViewport;
  await viewport.setStack(ids, 0);
  viewport.render();
}

async function openMpr(size: ViewportSize): Promise<void> {
  stackEngine?.destroy();
  root.replaceChildren();
  const container = document.createElement('div');
  container.className = 'volume-viewer row';
  container.dataset.status = 'loading';
  const planes = [
    { id: 'mpr-axial', orientation: Enums.OrientationAxis.AXIAL },
    { id: 'mpr-sagittal', orientation: Enums.OrientationAxis.SAGITTAL },
    { id: 'mpr-coronal', orientation: Enums.OrientationAxis.CORONAL },
  ];
  const elements = planes.map((p) => viewportElement(p.id, size));
  container.append(...elements);
  root.append(container);
  // No pre-parse of every file: cornerstone 5.14's wadouri volume loader reads the geometry of the first,
  // middle and last slice itself (the ids come in slice order), and its metadata providers never read
  // the files the loader's dataSetCacheManager parses — fetching them all first only doubled the work.
  const volumeId = `${VOLUME_SCHEME}:plain`;
  const volume = await volumeLoader.createAndCacheVolume(volumeId, { imageIds });
  const loaded = new Promise<void>((resolve) => {
    const onDone = (event: Event) => {
      if ((event as Types.EventTypes.ImageVolumeLoadingCompletedEvent).detail.volumeId !== volumeId) return;
      eventTarget.removeEventListener(Enums.Events.IMAGE_VOLUME_LOADING_COMPLETED, onDone);
      resolve();
    };
    eventTarget.addEventListener(Enums.Events.IMAGE_VOLUME_LOADING_COMPLETED, onDone);
  });
  const engine = new RenderingEngine('plain-mpr');
  engine.setViewports(
    planes.map((p, n) => ({
      viewportId: p.id,
      element: elements[n] as HTMLDivElement,
      type: Enums.ViewportType.ORTHOGRAPHIC,
      defaultOptions: { orientation: p.orientation, background: [0, 0, 0] as Types.Point3 },
    })),
  );
  (volume as Types.IImageVolume & { load?: () => void }).load?.();
  await setVolumesForViewports(engine, [{ volumeId }], planes.map((p) => p.id));
  engine.renderViewports(planes.map((p) => p.id));
  await loaded;
  container.dataset.status = 'ready';
}

window.plainBench = {
  openStack,
  openMpr,
  cacheBytes: () => cache.getCacheSize(),
  fileCacheBytes: () => wadouri.dataSetCacheManager.getInfo().cacheSizeInBytes,
};
