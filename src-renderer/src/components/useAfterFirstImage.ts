/**
 * When the panels around the reader (AI read, same-patient studies, the findings overlay) may mount.
 *
 * Measured (docs/benchmarks.md, Viewer): mounting them with the study put their Vue rendering and their
 * requests (listStudies, getStudyReview, listModels) on the path from the click to the first image, which
 * on 2 shared cores and software WebGL cost more than the image itself needed. They are not needed to see
 * the image, so they wait until the stack viewer has drawn it (or failed), and then one more frame so
 * their rendering lands after that frame rather than before it.
 *
 * Studies without a stack image (ECG only, a NIfTI volume that opens as MPR) open at once. A fallback
 * timer opens the gate if the first image never settles (the user switched to MPR before it came), so
 * the panels always appear.
 */
import { onScopeDispose, ref, watch, type Ref } from 'vue';
import { useViewportStore } from '../viewer/useViewportStore';

/** The longest the panels wait for the first image. */
export const PANELS_FALLBACK_MS = 3_000;

/**
 * `study`: the open study's id (null: none); `expectsStackImage`: whether the reader opens with a stack
 * viewport for it. The returned flag is false from each new study until its first image has settled.
 */
export function useAfterFirstImage(study: () => number | null, expectsStackImage: () => boolean): Ref<boolean> {
  const store = useViewportStore();
  const open = ref(false);
  let fallback: ReturnType<typeof setTimeout> | undefined;
  let frame: number | undefined;
  let afterFrame: ReturnType<typeof setTimeout> | undefined;

  function cancel(): void {
    clearTimeout(fallback);
    clearTimeout(afterFrame);
    if (frame !== undefined) cancelAnimationFrame(frame);
    fallback = frame = afterFrame = undefined;
  }

  /** After the frame cornerstone has scheduled: its requestAnimationFrame callback was queued first. */
  function openAfterNextFrame(): void {
    if (open.value || frame !== undefined || afterFrame !== undefined) return;
    frame = requestAnimationFrame(() => {
      frame = undefined;
      afterFrame = setTimeout(() => {
        cancel();
        open.value = true;
      }, 0);
    });
  }

  watch(
    study,
    (id) => {
      cancel();
      open.value = false;
      if (id === null) return;
      if (!expectsStackImage()) {
        open.value = true;
        return;
      }
      fallback = setTimeout(openAfterNextFrame, PANELS_FALLBACK_MS);
    },
    { immediate: true },
  );

  // 'ready' is set right after the viewport's render() is requested for the first image; 'error' ends it
  // too. The previous study's viewer goes through 'idle' (detach) before the next one loads.
  watch(
    () => store.status,
    (status) => {
      if (study() !== null && (status === 'ready' || status === 'error')) openAfterNextFrame();
    },
  );

  onScopeDispose(cancel);
  return open;
}
