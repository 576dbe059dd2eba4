// The measurements drawn on the stack viewport, as a plain list for the panel beside it: cornerstone
// keeps the annotations (and recomputes their stats when a handle moves); this composable re-reads them
// whenever an annotation is completed, modified or removed.
import { eventTarget } from '@cornerstonejs/core';
import { annotation as annotationApi, Enums as ToolEnums } from '@cornerstonejs/tools';
import { onScopeDispose, shallowRef, type Ref } from 'vue';
import { MEASUREMENT_TOOLS } from './measurementTools';
import { measurementText, type MeasurementKind, type MeasurementStats } from './measurementText';

export interface MeasurementRow {
  uid: string;
  kind: MeasurementKind;
  label: string;
  text: string;
  /** 0-based position of the measured image in the stack. */
  imageIndex: number;
}

const EVENTS = [
  ToolEnums.Events.ANNOTATION_COMPLETED,
  ToolEnums.Events.ANNOTATION_MODIFIED,
  ToolEnums.Events.ANNOTATION_REMOVED,
] as const;

export function useMeasurements(element: Ref<HTMLDivElement | null>, imageIds: Ref<readonly string[]>, render: () => void) {
  const rows = shallowRef<MeasurementRow[]>([]);

  function annotationsOf(el: HTMLDivElement) {
    return MEASUREMENT_TOOLS.flatMap((tool) => (annotationApi.state.getAnnotations(tool.toolName, el) ?? []).map((a) => ({ tool, a })));
  }

  function refresh(): void {
    const el = element.value;
    if (!el) return;
    const out: MeasurementRow[] = [];
    for (const { tool, a } of annotationsOf(el)) {
      const imageIndex = imageIds.value.indexOf(a.metadata?.referencedImageId ?? '');
      if (imageIndex < 0 || !a.annotationUID) continue;
      const stats = Object.values(a.data.cachedStats ?? {})[0] as MeasurementStats | undefined;
      const text = measurementText(tool.key, stats ?? {});
      if (text) out.push({ uid: a.annotationUID, kind: tool.key, label: tool.label, text, imageIndex });
    }
    rows.value = out;
  }

  function remove(uid: string): void {
    annotationApi.state.removeAnnotation(uid);
    render();
    refresh();
  }

  /** Removes every measurement on this series' images. */
  function clear(): void {
    for (const row of rows.value) annotationApi.state.removeAnnotation(row.uid);
    render();
    refresh();
  }

  for (const name of EVENTS) eventTarget.addEventListener(name, refresh);
  onScopeDispose(() => {
    for (const name of EVENTS) eventTarget.removeEventListener(name, refresh);
  });

  return { rows, refresh, remove, clear };
}
