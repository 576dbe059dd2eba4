// Cine playback of the stack viewport: a timer at the file's frame rate asks for the next image (looping).
// A tick while the previous image is still loading or drawing is skipped rather than queued, so a slow
// decoder (first pass over JPEG frames, software WebGL) plays slower but never piles up requests, and
// pausing stops on the frame shown. The rate comes from the displayed file's timing tags.
import { metaData, type Types } from '@cornerstonejs/core';
import { wadouri } from '@cornerstonejs/dicom-image-loader';
import { onScopeDispose, ref, shallowRef, type Ref } from 'vue';
import { cineFrameRate, type CineFrameRate, type CineTiming } from './cineFrameRate';

/** Timing tags of a wadouri image's file (already parsed by the loader when the image is shown). */
function cineTiming(imageId: string): CineTiming {
  const cine = metaData.get('cineModule', imageId) as { frameTime?: number } | undefined;
  const uri = imageId.replace(/^wadouri:/, '').replace(/[?&]frame=\d+$/, '');
  const dataSet = imageId.startsWith('wadouri:') && wadouri.dataSetCacheManager.isLoaded(uri) ? wadouri.dataSetCacheManager.get(uri) : undefined;
  return {
    frameTimeMs: cine?.frameTime,
    cineRate: dataSet?.floatString('x00180040'),
    recommendedRate: dataSet?.floatString('x00082144'),
  };
}

export function useCine(viewport: Ref<Types.IStackViewport | null>) {
  const playing = ref(false);
  const rate = shallowRef<CineFrameRate>(cineFrameRate({}));
  let timer: number | undefined;
  let pending = false;

  /** Reads the rate of the series now shown (call once its first image is drawn). */
  function readRate(imageId: string | undefined): void {
    rate.value = cineFrameRate(imageId ? cineTiming(imageId) : {});
  }

  function tick(): void {
    const vp = viewport.value;
    if (!vp || pending) return;
    const count = vp.getImageIds().length;
    if (count < 2) return;
    pending = true;
    vp.setImageIdIndex((vp.getCurrentImageIdIndex() + 1) % count)
      .catch(() => stop())
      .finally(() => {
        pending = false;
      });
  }

  function play(): void {
    if (!viewport.value || timer !== undefined) return;
    timer = window.setInterval(tick, 1000 / rate.value.fps);
    playing.value = true;
  }

  function stop(): void {
    if (timer !== undefined) window.clearInterval(timer);
    timer = undefined;
    playing.value = false;
  }

  function toggle(): void {
    if (playing.value) stop();
    else play();
  }

  onScopeDispose(stop);
  return { playing, rate, readRate, play, stop, toggle };
}
