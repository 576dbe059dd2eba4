/**
 * Calls `onChange` when any of `els` changes size. Cornerstone sizes its canvases once, so a resized
 * panel would stretch the images without a resize. ResizeObserver also reports every element once on
 * observe, at the size the engine already has: that report is skipped, because the re-render it causes
 * costs a whole frame (100–200 ms before the first CT image; seconds for a 3D frame on software WebGL).
 */
export function observeSizeChanges(els: readonly HTMLElement[], onChange: () => void): ResizeObserver {
  const sizeOf = (el: HTMLElement) => `${el.clientWidth}x${el.clientHeight}`;
  const sizes = new Map(els.map((el) => [el, sizeOf(el)]));
  const observer = new ResizeObserver((entries) => {
    const changed = entries.some((e) => {
      const el = e.target as HTMLElement;
      const size = sizeOf(el);
      if (sizes.get(el) === size) return false;
      sizes.set(el, size);
      return true;
    });
    if (changed) onChange();
  });
  for (const el of els) observer.observe(el);
  return observer;
}
