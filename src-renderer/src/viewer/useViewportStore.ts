import { utilities as coreUtilities, type Types } from '@cornerstonejs/core';
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type { WindowLevel, WindowPreset } from './windowPresets';

/** State of the stack viewport: which series, which slice, window/level, invert; and the viewport itself. */
export const useViewportStore = defineStore('viewport', () => {
  const seriesId = ref<number | null>(null);
  const imageIds = shallowRef<readonly string[]>([]);
  const sliceIndex = ref(0);
  const sliceCount = computed(() => imageIds.value.length);
  const windowLevel = ref<WindowLevel | null>(null);
  const inverted = ref(false);
  const activePreset = ref<string | null>(null);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = ref<string | null>(null);
  // The cornerstone viewport owns WebGL resources and large typed arrays: markRaw keeps Vue from wrapping
  // it in a deep proxy (slow, and cornerstone compares object identity internally).
  const viewport = shallowRef<Types.IStackViewport | null>(null);

  function attach(vp: Types.IStackViewport): void {
    viewport.value = markRaw(vp);
  }

  function detach(): void {
    viewport.value = null;
    seriesId.value = null;
    imageIds.value = [];
    status.value = 'idle';
  }

  async function showSeries(id: number, ids: readonly string[]): Promise<void> {
    const vp = viewport.value;
    if (!vp) return;
    seriesId.value = id;
    imageIds.value = ids;
    sliceIndex.value = 0;
    activePreset.value = null;
    error.value = null;
    status.value = 'loading';
    try {
      await vp.setStack([...ids], 0);
      vp.render();
      // The user may have picked another series while this one loaded.
      if (seriesId.value === id) status.value = 'ready';
    } catch (e) {
      if (seriesId.value !== id) return;
      status.value = 'error';
      error.value = describeLoadError(e);
    }
  }

  /** Cornerstone → store: a new slice was drawn. */
  function onNewImage(index: number): void {
    sliceIndex.value = index;
  }

  /** Cornerstone → store: the VOI changed (tool drag, preset, reset). */
  function onVoiModified(range: Types.VOIRange, invert: boolean | undefined): void {
    const { windowWidth, windowCenter } = coreUtilities.windowLevel.toWindowLevel(range.lower, range.upper);
    windowLevel.value = { width: windowWidth, center: windowCenter };
    if (invert !== undefined) inverted.value = invert;
  }

  function scrollBy(delta: number): void {
    goTo(sliceIndex.value + delta);
  }

  function goTo(index: number): void {
    const vp = viewport.value;
    if (!vp || sliceCount.value === 0) return;
    void vp.setImageIdIndex(Math.max(0, Math.min(sliceCount.value - 1, index)));
  }

  function applyPreset(preset: WindowPreset): void {
    const vp = viewport.value;
    if (!vp) return;
    if (preset.window) {
      // The inverse of toWindowLevel above, so the overlay shows the preset's numbers exactly.
      const voiRange = coreUtilities.windowLevel.toLowHighRange(preset.window.width, preset.window.center);
      vp.setProperties({ voiRange });
    } else {
      // "Auto": back to the image's own VOI (DICOM window, else its pixel range), keeping invert and camera.
      const invert = inverted.value;
      vp.resetProperties();
      vp.setProperties({ invert });
    }
    activePreset.value = preset.key;
    vp.render();
  }

  function toggleInvert(): void {
    const vp = viewport.value;
    if (!vp) return;
    vp.setProperties({ invert: !inverted.value });
    inverted.value = !inverted.value;
    vp.render();
  }

  function reset(): void {
    const vp = viewport.value;
    if (!vp) return;
    vp.resetProperties();
    vp.resetCamera();
    activePreset.value = null;
    inverted.value = false;
    vp.render();
  }

  return {
    seriesId,
    imageIds,
    sliceIndex,
    sliceCount,
    windowLevel,
    inverted,
    activePreset,
    status,
    error,
    viewport,
    attach,
    detach,
    showSeries,
    onNewImage,
    onVoiModified,
    scrollBy,
    goTo,
    applyPreset,
    toggleInvert,
    reset,
  };
});

/** Cornerstone rejects with an Error, an XHR error object or a bare string depending on where it failed. */
function describeLoadError(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'object' && e !== null && 'status' in e) return `the image could not be loaded (HTTP ${String(e.status)})`;
  return String(e);
}

