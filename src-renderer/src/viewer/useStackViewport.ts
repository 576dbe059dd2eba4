// Creates the cornerstone rendering engine, stack viewport and tool group for one element, wires
// cornerstone's events into the viewport store, and tears everything down with the component's scope
// (after VolView's useVtkView: GPU objects live exactly as long as the Vue scope that made them).
import { Enums, RenderingEngine, type Types } from '@cornerstonejs/core';
import {
  Enums as ToolEnums,
  PanTool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
  utilities as toolUtilities,
} from '@cornerstonejs/tools';
import { onScopeDispose, ref, type Ref } from 'vue';
import { ensureCornerstone, STACK_TOOLS } from './cornerstoneSetup';
import { MEASUREMENT_TOOLS, POINTER_TOOLS, pointerTool, type PointerToolKey } from './measure/measurementTools';
import { useViewportStore } from './useViewportStore';
import { observeSizeChanges } from './observeSizeChanges';
import { takeWarmEngine } from './warmUpViewer';

const { MouseBindings, KeyboardBindings } = ToolEnums;

let nextId = 0;

export interface StackViewportHandle {
  ready: Promise<void>;
  /** The tool the left button drives now. */
  pointer: Ref<PointerToolKey>;
  /** Binds the left button to a pointer tool (window/level or a measurement). */
  setPointerTool(key: PointerToolKey): void;
}

const PRIMARY = [{ mouseButton: MouseBindings.Primary }];

export function useStackViewport(element: Ref<HTMLDivElement | null>): StackViewportHandle {
  const store = useViewportStore();
  const suffix = String(++nextId);
  const engineId = `qoq-engine-${suffix}`;
  const viewportId = `qoq-stack-${suffix}`;
  const toolGroupId = `qoq-tools-${suffix}`;
  let engine: RenderingEngine | undefined;
  let resizeObserver: ResizeObserver | undefined;
  let disposed = false;
  const pointer = ref<PointerToolKey>('window');

  const onNewImage = (event: Event) =>
    store.onNewImage((event as Types.EventTypes.StackNewImageEvent).detail.imageIdIndex);
  const onVoi = (event: Event) => {
    const { range, invert } = (event as Types.EventTypes.VoiModifiedEvent).detail;
    store.onVoiModified(range, invert);
  };

  const ready = ensureCornerstone().then(() => {
    const el = element.value;
    if (disposed || !el) return;
    // The engine made while the study was fetched (viewer/warmUpViewer.ts), else a new one.
    engine = takeWarmEngine() ?? new RenderingEngine(engineId);
    engine.enableElement({
      viewportId,
      type: Enums.ViewportType.STACK,
      element: el,
      defaultOptions: { background: [0, 0, 0] },
    });
    store.attach(engine.getViewport(viewportId) as Types.IStackViewport);
    el.addEventListener(Enums.Events.STACK_NEW_IMAGE, onNewImage);
    el.addEventListener(Enums.Events.VOI_MODIFIED, onVoi);
    bindTools(engine.id);
    // Loads the neighbouring slices in the background so scrolling does not wait on each file.
    toolUtilities.stackPrefetch.enable(el);
    resizeObserver = observeSizeChanges([el], () => engine?.resize(true, true));
  });

  function bindTools(renderingEngineId: string): void {
    const group = ToolGroupManager.createToolGroup(toolGroupId);
    if (!group) throw new Error(`tool group ${toolGroupId} already exists`);
    for (const tool of STACK_TOOLS) group.addTool(tool.toolName);
    // The mouse map radiologists expect (and VIEWER_MOUSE_HELP prints); modifier variants for trackpads.
    group.setToolActive(WindowLevelTool.toolName, { bindings: PRIMARY });
    group.setToolActive(PanTool.toolName, {
      bindings: [{ mouseButton: MouseBindings.Auxiliary }, { mouseButton: MouseBindings.Primary, modifierKey: KeyboardBindings.Shift }],
    });
    group.setToolActive(ZoomTool.toolName, {
      bindings: [{ mouseButton: MouseBindings.Secondary }, { mouseButton: MouseBindings.Primary, modifierKey: KeyboardBindings.Ctrl }],
    });
    group.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
    // Passive: measurements already drawn stay visible and their handles can be dragged.
    for (const tool of MEASUREMENT_TOOLS) group.setToolPassive(tool.toolName);
    // Added last: every tool-mode change re-renders the group's viewports, and here that drew a whole
    // empty frame (100–200 ms on software WebGL) just before the first image (docs/benchmarks.md).
    group.addViewport(viewportId, renderingEngineId);
  }

  function setPointerTool(key: PointerToolKey): void {
    const group = ToolGroupManager.getToolGroup(toolGroupId);
    if (!group) return;
    // Only the plain left button moves between tools; the modifier bindings (pan, zoom) stay.
    for (const tool of POINTER_TOOLS) {
      if (tool.key !== key) group.setToolPassive(tool.toolName, { removeAllBindings: PRIMARY });
    }
    group.setToolActive(pointerTool(key).toolName, { bindings: PRIMARY });
    pointer.value = key;
  }

  onScopeDispose(() => {
    disposed = true;
    resizeObserver?.disconnect();
    const el = element.value;
    if (el) {
      el.removeEventListener(Enums.Events.STACK_NEW_IMAGE, onNewImage);
      el.removeEventListener(Enums.Events.VOI_MODIFIED, onVoi);
      toolUtilities.stackPrefetch.disable(el);
    }
    ToolGroupManager.destroyToolGroup(toolGroupId);
    engine?.destroy();
    store.detach();
  });

  return { ready, pointer, setPointerTool };
}
