// Lifecycle of the MPR and 3D layouts: one volume — streamed from the series' wadouri image ids, or a
// NIfTI file decoded whole — and a rendering engine with its viewports, tool group and W/L synchroniser; all of it torn down with the
// Vue scope that made it (volume removed from the cache, elements disabled).
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
import type { VolumeRecord } from '../../../src-main/contract/schemas';
import { cameraMarkers } from './cameraMarkers';
import { loadNiftiVolume } from './nifti/loadNiftiVolume';
import type { OrientationMarkers } from './orientationMarkers';
import { ensureCornerstone, STREAMING_VOLUME_SCHEME } from './cornerstoneSetup';
import { MPR_PLANES, bind3dTools, bindMprTools, mprViewportInputs, volume3dViewportInput, type MprPlane } from './volumeLayouts';
import { volumeSampleDistanceMultiplier } from './volumeSupport';
import { defaultRenderingPreset, renderingPreset as presetFor, type RenderingPreset } from './volumeRenderingPresets';
import type { WindowLevel } from './windowPresets';
import { observeSizeChanges } from './observeSizeChanges';
import { placeTransferFunctionOnData } from './volumeTransferFunction';

export type VolumeLayout = 'mpr' | '3d';

/** Where the voxels come from: a DICOM series (streamed slice by slice) or one stored NIfTI file. */
export type VolumeSource = { kind: 'dicom'; imageIds: readonly string[] } | { kind: 'nifti'; record: VolumeRecord };

export interface VolumeViewportsOptions {
  layout: VolumeLayout;
  source: VolumeSource;
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
  /** MPR: orientation letters of each plane, following its camera (oblique rotation included). */
  markers: Ref<Partial<Record<MprPlane, OrientationMarkers | null>>>;
  /** 3D: key of the transfer-function preset shown (volumeRenderingPresets); null for MPR. */
  renderingPreset: Ref<string | null>;
  /** 3D: shows the volume with another of its modality's presets (an unknown key throws). */
  applyRenderingPreset(key: string): void;
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
  const { layout, source, modality, elements } = options;
  const suffix = `${layout}-${++nextId}`;
  const engineId = `qoq-volume-engine-${suffix}`;
  const toolGroupId = `qoq-volume-tools-${suffix}`;
  const syncId = `qoq-volume-voi-${suffix}`;
  const volumeId = source.kind === 'dicom' ? `${STREAMING_VOLUME_SCHEME}:qoq-${suffix}` : `qoq-nifti-${suffix}`;
  const viewportIds: Record<MprPlane, string> = {
    axial: `qoq-axial-${suffix}`,
    sagittal: `qoq-sagittal-${suffix}`,
    coronal: `qoq-coronal-${suffix}`,
  };
  const status = ref<'loading' | 'ready' | 'error'>('loading');
  const error = ref<string | null>(null);
  const windowLevel = ref<WindowLevel | null>(null);
  const renderingPreset = ref<string | null>(layout === '3d' ? defaultRenderingPreset(modality).key : null);

  let disposed = false;
  let engine: RenderingEngine | undefined;
  let volume: Types.IImageVolume | undefined;
  let stopWaiting: (() => void) | undefined;
  let resizeObserver: ResizeObserver | undefined;
  let voiElement: HTMLDivElement | undefined;
  const markers = ref<Partial<Record<MprPlane, OrientationMarkers | null>>>({});
  const cameraListeners: [HTMLDivElement, () => void][] = [];

  /** Keeps each plane's orientation letters in step with its camera. */
  function followCameras(els: Record<MprPlane, HTMLDivElement>): void {
    for (const plane of MPR_PLANES) {
      const update = () => {
        const camera = engine?.getViewport(viewportIds[plane])?.getCamera();
        if (!camera?.viewUp || !camera.viewPlaneNormal) return;
        markers.value = { ...markers.value, [plane]: cameraMarkers(camera.viewUp, camera.viewPlaneNormal) };
      };
      els[plane].addEventListener(Enums.Events.CAMERA_MODIFIED, update);
      cameraListeners.push([els[plane], update]);
      update();
    }
  }

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
    resizeObserver = observeSizeChanges(els, () => engine?.resize(true, true));
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
    followCameras(els);
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
    viewport.setProperties({ sampleDistanceMultiplier: volumeSampleDistanceMultiplier() });
    setTransferFunction(viewport, defaultRenderingPreset(modality));
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

  /**
   * With a local (NIfTI) volume, cornerstone 5.14's first frame of the acquisition (axial) plane is
   * black (the reformatted planes are fine); any later frame is right. So once the first frame is out,
   * the plane is drawn again (measured here for NIfTI-1 and NIfTI-2 files).
   */
  async function redrawAcquisitionPlane(element: HTMLDivElement): Promise<void> {
    await nextRender(element);
    engine?.getViewport(viewportIds.axial)?.render();
  }

  /** CT's presets are fixed ramps in HU; MR's Auto moves its ramp onto this volume's intensities. */
  function setTransferFunction(viewport: Types.IVolumeViewport, preset: RenderingPreset): void {
    viewport.setProperties({ preset: preset.cornerstonePreset });
    if (preset.placeOnData) placeTransferFunctionOnData(viewport, volumeId);
  }

  function startLoading(): void {
    const streaming = volume as (Types.IImageVolume & { load?: () => void }) | undefined;
    streaming?.load?.();
  }

  const ready = (async () => {
    await ensureCornerstone();
    if (disposed) return;
    const els = elementsOrThrow();
    let loaded: Promise<void>;
    if (source.kind === 'dicom') {
      // No pre-parse of every file: cornerstone 5.14's wadouri volume loader reads the geometry of the
      // first, middle and last slice itself (the ids are in slice order already), and its metadata
      // providers never read files parsed by the loader's dataSetCacheManager. Parsing them all first
      // only fetched every file twice and kept a third copy of the voxels.
      volume = await volumeLoader.createAndCacheVolume(volumeId, { imageIds: [...source.imageIds] });
      if (disposed) return teardown();
      const waiting = volumeLoaded(volumeId);
      stopWaiting = waiting.cancel;
      loaded = waiting.promise;
    } else {
      // Decoded whole before it is shown: nothing streams, so it is loaded once it exists.
      volume = await loadNiftiVolume(volumeId, source.record, modality, window.location.origin);
      if (disposed) return teardown();
      loaded = Promise.resolve();
    }
    // Registered before the first frame can be drawn, so it cannot be missed.
    const redrawn = source.kind === 'nifti' && layout === 'mpr' ? redrawAcquisitionPlane(els.axial) : undefined;
    if (layout === 'mpr') await showMpr(els, loaded);
    else await show3d(els.axial, loaded);
    await redrawn;
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

  function applyRenderingPreset(key: string): void {
    const preset = presetFor(modality, key);
    const viewport = layout === '3d' ? (engine?.getViewport(viewportIds.axial) as Types.IVolumeViewport | undefined) : undefined;
    if (!viewport) return;
    setTransferFunction(viewport, preset);
    viewport.render();
    renderingPreset.value = preset.key;
  }

  /** Idempotent: runs on scope disposal and again if an in-flight load finishes after it. */
  function teardown(): void {
    stopWaiting?.();
    stopWaiting = undefined;
    resizeObserver?.disconnect();
    resizeObserver = undefined;
    voiElement?.removeEventListener(Enums.Events.VOI_MODIFIED, onVoi);
    voiElement = undefined;
    for (const [el, update] of cameraListeners.splice(0)) el.removeEventListener(Enums.Events.CAMERA_MODIFIED, update);
    SynchronizerManager.destroySynchronizer(syncId);
    ToolGroupManager.destroyToolGroup(toolGroupId);
    // destroy() disables every element of the engine (canvases removed, WebGL resources freed).
    engine?.destroy();
    engine = undefined;
    if (volume) {
      // A volume still streaming would keep requesting slices into a buffer no one shows.
      (volume as Types.IImageVolume & { cancelLoading?: () => void }).cancelLoading?.();
      const sliceIds = source.kind === 'nifti' ? volume.imageIds : [];
      if (cache.getVolume(volumeId)) cache.removeVolumeLoadObject(volumeId);
      // A local (NIfTI) volume's slices are cached images of their own.
      for (const id of sliceIds) if (cache.getImageLoadObject(id)) cache.removeImageLoadObject(id);
      volume = undefined;
    }
  }

  onScopeDispose(() => {
    disposed = true;
    teardown();
  });

  return { status, error, windowLevel, markers, applyWindow, renderingPreset, applyRenderingPreset, ready };
}
