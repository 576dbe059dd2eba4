// Lifecycle of the MPR and 3D layouts: one streaming volume built from the series' wadouri image ids,
// a rendering engine with its viewports, tool group and W/L synchroniser; all of it torn down with the
// Vue scope that made it (volume removed from the cache, elements disabled, parsed files released).
import {
  Enums,
  RenderingEngine,
  cache,
  eventTarget,
  setVolumesForViewports,
  utilities,
  volumeLoader,
  type Types,
} from '@cornerstonejs/core';
import { SynchronizerManager, ToolGroupManager, synchronizers } from '@cornerstonejs/tools';
import { onScopeDispose, ref, type Ref } from 'vue';
import { ensureCornerstone, STREAMING_VOLUME_SCHEME } from './cornerstoneSetup';
import { MPR_PLANES, bind3dTools, bindMprTools, mprViewportInputs, volume3dViewportInput, type MprPlane } from './volumeLayouts';
import { preloadFileMetadata, volumeRenderingPreset, volumeSampleDistanceMultiplier } from './volumeSupport';
import type { WindowLevel } from './windowPresets';

export type VolumeLayout = 'mpr' | '3d';

export interface VolumeViewportsOptions {
  layout: VolumeLayout;
  imageIds: readonly string[];
  modality: string;
  /** MPR: one element per plane; 3D: `axial` is the single element (the others stay null). */
  elements: Record<MprPlane, Ref<HTMLDivElement | null>>;
}

export interface VolumeViewports {
  status: Ref<'loading' | 'ready' | 'error'>;
  error: Ref<string | null>;
  /** Window of the MPR planes (they are kept equal), null until the first render. */
  windowLevel: Ref<WindowLevel | null>;
  /** MPR: sets the window of all planes; null restores the volume's own window. */
  applyWindow(window: WindowLevel | null): void;
  /** Resolves when the layout has drawn its first complete frame (or failed). */
  ready: Promise<void>;
}

let nextId = 0;

/** Resolves when every slice of the volume has been decoded into it. */
function volumeLoaded(volumeId: string): { promise: Promise<void>; cancel: () => void } {
  let cancel = () => undefined as void;
  const promise = new Promise<void>((resolve) => {
    const onDone = (event: Event) => {
      if ((event as Types.EventTypes.ImageVolumeLoadingCompletedEvent).detail.volumeId !== volumeId) return;
      cancel();
      resolve();
    };
    eventTarget.addEventListener(Enums.Events.IMAGE_VOLUME_LOADING_COMPLETED, onDone);
    cancel = () => eventTarget.removeEventListener(Enums.Events.IMAGE_VOLUME_LOADING_COMPLETED, onDone);
  });
  return { promise, cancel };
}

/** Resolves after the viewport on `element` has drawn its next frame. */
function nextRender(element: HTMLDivElement): Promise<void> {
  return new Promise((resolve) => element.addEventListener(Enums.Events.IMAGE_RENDERED, () => resolve(), { once: true }));
}

export function useVolumeViewports(options: VolumeViewportsOptions): VolumeViewports {
  const { layout, imageIds, modality, elements } = options;
  const suffix = `${layout}-${++nextId}`;
  const engineId = `qoq-volume-engine-${suffix}`;
  const toolGroupId = `qoq-volume-tools-${suffix}`;
  const syncId = `qoq-volume-voi-${suffix}`;
  const volumeId = `${STREAMING_VOLUME_SCHEME}:qoq-${suffix}`;
  const viewportIds: Record<MprPlane, string> = {
    axial: `qoq-axial-${suffix}`,
    sagittal: `qoq-sagittal-${suffix}`,
    coronal: `qoq-coronal-${suffix}`,
  };
  const status = ref<'loading' | 'ready' | 'error'>('loading');
  const error = ref<string | null>(null);
  const windowLevel = ref<WindowLevel | null>(null);

  let disposed = false;
  let engine: RenderingEngine | undefined;
  let volume: Types.IImageVolume | undefined;
  let releaseFiles: (() => void) | undefined;
  let stopWaiting: (() => void) | undefined;
  let resizeObserver: ResizeObserver | undefined;
  let voiElement: HTMLDivElement | undefined;

  const onVoi = (event: Event) => {
    const { range } = (event as Types.EventTypes.VoiModifiedEvent).detail;
    const { windowWidth, windowCenter } = utilities.windowLevel.toWindowLevel(range.lower, range.upper);
    windowLevel.value = { width: Math.round(windowWidth), center: Math.round(windowCenter) };
  };

  function elementsOrThrow(): Record<MprPlane, HTMLDivElement> {
    const out = {} as Record<MprPlane, HTMLDivElement>;
    for (const plane of layout === 'mpr' ? MPR_PLANES : (['axial'] as const)) {
      const el = elements[plane].value;
      if (!el) throw new Error(`viewport element for ${plane} is not mounted`);
      out[plane] = el;
    }
    return out;
  }

  function observeResize(els: HTMLDivElement[]): void {
    // Cornerstone sizes its canvases once; without this a resized panel would stretch the images.
    // ResizeObserver also reports every element once on observe, at the size the engine already has:
    // that report is skipped, as the re-render it would cause is a multi-second 3D frame on software WebGL.
    const sizes = new Map(els.map((el) => [el, `${el.clientWidth}x${el.clientHeight}`]));
    resizeObserver = new ResizeObserver((entries) => {
      const changed = entries.some((e) => {
        const el = e.target as HTMLDivElement;
        const size = `${el.clientWidth}x${el.clientHeight}`;
        if (sizes.get(el) === size) return false;
        sizes.set(el, size);
        return true;
      });
      if (changed) engine?.resize(true, true);
    });
    for (const el of els) resizeObserver.observe(el);
  }

  async function showMpr(els: Record<MprPlane, HTMLDivElement>, loaded: Promise<void>): Promise<void> {
    const ids = MPR_PLANES.map((p) => viewportIds[p]);
    engine = new RenderingEngine(engineId);
    engine.setViewports(mprViewportInputs(viewportIds, els));
    // MPR streams: the planes fill in slice by slice while the volume loads.
    startLoading();
    await setVolumesForViewports(engine, [{ volumeId }], ids);
    if (disposed) return;
    const group = ToolGroupManager.createToolGroup(toolGroupId);
    if (!group) throw new Error(`tool group ${toolGroupId} already exists`);
    for (const id of ids) group.addViewport(id, engineId);
    engine.renderViewports(ids);
    bindMprTools(group, viewportIds);
    // A window drag in one plane is copied to the other two.
    const sync = synchronizers.createVOISynchronizer(syncId, { syncInvertState: true, syncColormap: false });
    for (const viewportId of ids) sync.add({ renderingEngineId: engineId, viewportId });
    voiElement = els.axial;
    voiElement.addEventListener(Enums.Events.VOI_MODIFIED, onVoi);
    observeResize(Object.values(els));
    await loaded;
  }

  async function show3d(element: HTMLDivElement, loaded: Promise<void>): Promise<void> {
    // Attached only once every slice is in: a 3D viewport attached earlier re-renders the whole volume
    // per streamed slice, which on software WebGL makes loading ~40× slower.
    startLoading();
    await loaded;
    if (disposed) return;
    engine = new RenderingEngine(engineId);
    engine.enableElement(volume3dViewportInput(viewportIds.axial, element));
    await setVolumesForViewports(engine, [{ volumeId }], [viewportIds.axial]);
    if (disposed) return;
    const viewport = engine.getViewport(viewportIds.axial) as Types.IVolumeViewport;
    viewport.setProperties({ preset: volumeRenderingPreset(modality), sampleDistanceMultiplier: volumeSampleDistanceMultiplier() });
    const group = ToolGroupManager.createToolGroup(toolGroupId);
    if (!group) throw new Error(`tool group ${toolGroupId} already exists`);
    group.addViewport(viewportIds.axial, engineId);
    bind3dTools(group);
    // One 3D frame takes seconds on software WebGL: "ready" waits for it, so the loading state stays up
    // until something is on screen.
    const drawn = nextRender(element);
    viewport.render();
    observeResize([element]);
    await drawn;
  }

  function startLoading(): void {
    const streaming = volume as (Types.IImageVolume & { load?: () => void }) | undefined;
    streaming?.load?.();
  }

  const ready = (async () => {
    await ensureCornerstone();
    if (disposed) return;
    const els = elementsOrThrow();
    releaseFiles = await preloadFileMetadata(imageIds);
    if (disposed) return teardown();
    volume = await volumeLoader.createAndCacheVolume(volumeId, { imageIds: [...imageIds] });
    if (disposed) return teardown();
    const waiting = volumeLoaded(volumeId);
    stopWaiting = waiting.cancel;
    if (layout === 'mpr') await showMpr(els, waiting.promise);
    else await show3d(els.axial, waiting.promise);
    if (disposed) return teardown();
    status.value = 'ready';
  })().catch((e: unknown) => {
    if (disposed) return;
    status.value = 'error';
    error.value = e instanceof Error ? e.message : String(e);
  });

  function applyWindow(window: WindowLevel | null): void {
    if (!engine || layout !== 'mpr') return;
    for (const plane of MPR_PLANES) {
      const viewport = engine.getViewport(viewportIds[plane]) as Types.IVolumeViewport | undefined;
      if (!viewport) continue;
      if (window) viewport.setProperties({ voiRange: utilities.windowLevel.toLowHighRange(window.width, window.center) });
      else viewport.resetProperties();
      viewport.render();
    }
  }

  /** Idempotent: runs on scope disposal and again if an in-flight load finishes after it. */
  function teardown(): void {
    stopWaiting?.();
    stopWaiting = undefined;
    resizeObserver?.disconnect();
    resizeObserver = undefined;
    voiElement?.removeEventListener(Enums.Events.VOI_MODIFIED, onVoi);
    voiElement = undefined;
    SynchronizerManager.destroySynchronizer(syncId);
    ToolGroupManager.destroyToolGroup(toolGroupId);
    // destroy() disables every element of the engine (canvases removed, WebGL resources freed).
    engine?.destroy();
    engine = undefined;
    if (volume) {
      // A volume still streaming would keep requesting slices into a buffer no one shows.
      (volume as Types.IImageVolume & { cancelLoading?: () => void }).cancelLoading?.();
      if (cache.getVolume(volumeId)) cache.removeVolumeLoadObject(volumeId);
      volume = undefined;
    }
    releaseFiles?.();
    releaseFiles = undefined;
  }

  onScopeDispose(() => {
    disposed = true;
    teardown();
  });

  return { status, error, windowLevel, applyWindow, ready };
}
