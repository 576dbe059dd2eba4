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
import { onScopeDispose, type Ref } from 'vue';
import { ensureCornerstone, STACK_TOOLS } from './cornerstoneSetup';
import { useViewportStore } from './useViewportStore';

const { MouseBindings, KeyboardBindings } = ToolEnums;

let nextId = 0;

export function useStackViewport(element: Ref<HTMLDivElement | null>): { ready: Promise<void> } {
  const store = useViewportStore();
  const suffix = String(++nextId);
  const engineId = `qoq-engine-${suffix}`;
  const viewportId = `qoq-stack-${suffix}`;
  const toolGroupId = `qoq-tools-${suffix}`;
  let engine: RenderingEngine | undefined;
  let resizeObserver: ResizeObserver | undefined;
  let disposed = false;

  const onNewImage = (event: Event) =>
    store.onNewImage((event as Types.EventTypes.StackNewImageEvent).detail.imageIdIndex);
  const onVoi = (event: Event) => {
    const { range, invert } = (event as Types.EventTypes.VoiModifiedEvent).detail;
    store.onVoiModified(range, invert);
  };

  const ready = ensureCornerstone().then(() => {
    const el = element.value;
    if (disposed || !el) return;
    engine = new RenderingEngine(engineId);
    engine.enableElement({
      viewportId,
      type: Enums.ViewportType.STACK,
      element: el,
      defaultOptions: { background: [0, 0, 0] },
    });
    store.attach(engine.getViewport(viewportId) as Types.IStackViewport);
    el.addEventListener(Enums.Events.STACK_NEW_IMAGE, onNewImage);
    el.addEventListener(Enums.Events.VOI_MODIFIED, onVoi);
    bindTools();
    // Loads the neighbouring slices in the background so scrolling does not wait on each file.
    toolUtilities.stackPrefetch.enable(el);
    // Cornerstone sizes its canvas once; without this a resized panel would stretch the image.
    resizeObserver = new ResizeObserver(() => engine?.resize(true, true));
    resizeObserver.observe(el);
  });

  function bindTools(): void {
    const group = ToolGroupManager.createToolGroup(toolGroupId);
    if (!group) throw new Error(`tool group ${toolGroupId} already exists`);
    for (const tool of STACK_TOOLS) group.addTool(tool.toolName);
    group.addViewport(viewportId, engineId);
    // The mouse map radiologists expect (and VIEWER_MOUSE_HELP prints); modifier variants for trackpads.
    group.setToolActive(WindowLevelTool.toolName, { bindings: [{ mouseButton: MouseBindings.Primary }] });
    group.setToolActive(PanTool.toolName, {
      bindings: [{ mouseButton: MouseBindings.Auxiliary }, { mouseButton: MouseBindings.Primary, modifierKey: KeyboardBindings.Shift }],
    });
    group.setToolActive(ZoomTool.toolName, {
      bindings: [{ mouseButton: MouseBindings.Secondary }, { mouseButton: MouseBindings.Primary, modifierKey: KeyboardBindings.Ctrl }],
    });
    group.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
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

  return { ready };
}
