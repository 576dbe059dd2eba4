// The one place cornerstone3D is initialised: core (WebGL rendering), the DICOM image loader and the
// tools. Every viewer awaits `ensureCornerstone()`; the work runs once per page.
import { init as initCore } from '@cornerstonejs/core';
import { init as initDicomImageLoader } from '@cornerstonejs/dicom-image-loader';
import { PanTool, StackScrollTool, WindowLevelTool, ZoomTool, addTool, init as initTools } from '@cornerstonejs/tools';

/** Tools the stack viewer binds; registered globally once (cornerstone refuses duplicate names). */
export const STACK_TOOLS = [WindowLevelTool, PanTool, ZoomTool, StackScrollTool] as const;

let ready: Promise<void> | undefined;

export function ensureCornerstone(): Promise<void> {
  ready ??= Promise.resolve().then(() => {
    initCore();
    // Registers the wadouri:/dicomweb: loaders and the metadata providers that read tags from the loaded
    // files. Decoding runs in module workers the loader creates with `new URL(…, import.meta.url)`, a form
    // Vite's production build rewrites and emits together with the codec .wasm files; the CSP allows
    // them ('self' workers, 'wasm-unsafe-eval'). One worker per two cores is the loader's own default;
    // it is kept: more workers only add memory on the small machines this runs on.
    initDicomImageLoader();
    initTools();
    for (const tool of STACK_TOOLS) addTool(tool);
  });
  return ready;
}
