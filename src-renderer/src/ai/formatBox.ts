import type { AnalysisBox } from '../../../src-main/contract/schemas';

/** Original-pixel corners, rounded: sub-pixel digits add nothing a reader can act on. */
export function formatBox(box: AnalysisBox): string {
  const r = (v: number) => Math.round(v);
  return `(${r(box.x1)}, ${r(box.y1)})–(${r(box.x2)}, ${r(box.y2)}) px`;
}

/**
 * The image a box is on, readable: `volume:<id>#<slice>` and `image:<id>` are already short; a DICOM ref is
 * `<SOP Instance UID>#<frame>`, whose UID is long, so it is shortened to its tail (full ref in the tooltip).
 */
export function formatRef(ref: string): string {
  if (/^(volume|image):/.test(ref)) return ref;
  const [uid = ref, frame] = ref.split('#');
  const tail = uid.length > 18 ? `…${uid.slice(-16)}` : uid;
  return frame === undefined ? tail : `${tail} frame ${frame}`;
}
