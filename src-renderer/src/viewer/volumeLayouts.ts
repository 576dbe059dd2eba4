// The viewports and mouse bindings of the MPR and 3D layouts. Kept apart from the lifecycle code in
// useVolumeViewports so the layout is readable at a glance.
import { Enums, type Types } from '@cornerstonejs/core';
import {
  CrosshairsTool,
  Enums as ToolEnums,
  PanTool,
  StackScrollTool,
  TrackballRotateTool,
  WindowLevelTool,
  ZoomTool,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';

const { MouseBindings, KeyboardBindings } = ToolEnums;

export type MprPlane = 'axial' | 'sagittal' | 'coronal';
export const MPR_PLANES: readonly MprPlane[] = ['axial', 'sagittal', 'coronal'];

const ORIENTATION: Record<MprPlane, Enums.OrientationAxis> = {
  axial: Enums.OrientationAxis.AXIAL,
  sagittal: Enums.OrientationAxis.SAGITTAL,
  coronal: Enums.OrientationAxis.CORONAL,
};

/** Each plane's crosshair colour is the colour its lines have in the other two planes. */
export const PLANE_COLOURS: Record<MprPlane, string> = {
  axial: 'rgb(255, 80, 80)',
  sagittal: 'rgb(240, 200, 40)',
  coronal: 'rgb(60, 200, 90)',
};

const BLACK: Types.Point3 = [0, 0, 0];

/** ORTHOGRAPHIC viewports, one per plane, all showing the same volume. */
export function mprViewportInputs(ids: Record<MprPlane, string>, elements: Record<MprPlane, HTMLDivElement>): Types.PublicViewportInput[] {
  return MPR_PLANES.map((plane) => ({
    viewportId: ids[plane],
    element: elements[plane],
    type: Enums.ViewportType.ORTHOGRAPHIC,
    defaultOptions: { orientation: ORIENTATION[plane], background: BLACK },
  }));
}

export function volume3dViewportInput(viewportId: string, element: HTMLDivElement): Types.PublicViewportInput {
  return {
    viewportId,
    element,
    type: Enums.ViewportType.VOLUME_3D,
    // Seen from the front, head up: how a 3D reconstruction is usually first presented.
    defaultOptions: { orientation: Enums.OrientationAxis.CORONAL, background: BLACK },
  };
}

const PAN_BINDINGS: ToolTypes.IToolBinding[] = [
  { mouseButton: MouseBindings.Auxiliary },
  { mouseButton: MouseBindings.Primary, modifierKey: KeyboardBindings.Shift },
];
const ZOOM_BINDINGS: ToolTypes.IToolBinding[] = [
  { mouseButton: MouseBindings.Secondary },
  { mouseButton: MouseBindings.Primary, modifierKey: KeyboardBindings.Ctrl },
];

/**
 * MPR: the left button moves the crosshairs (which moves the other planes); window/level moves to
 * Alt+left and the right button zooms as in the stack viewer; the wheel pages through the plane.
 * Must run after the volume is set on the viewports: the crosshairs tool computes its centre from the
 * viewports' volumes when it is activated.
 */
export function bindMprTools(group: ToolTypes.IToolGroup, ids: Record<MprPlane, string>): void {
  const colourOf = (viewportId: string) => PLANE_COLOURS[MPR_PLANES.find((p) => ids[p] === viewportId) ?? 'axial'];
  group.addTool(WindowLevelTool.toolName);
  group.addTool(PanTool.toolName);
  group.addTool(ZoomTool.toolName);
  group.addTool(StackScrollTool.toolName);
  group.addTool(CrosshairsTool.toolName, {
    getReferenceLineColor: colourOf,
    getReferenceLineControllable: () => true,
    getReferenceLineDraggableRotatable: () => true,
    getReferenceLineSlabThicknessControlsOn: () => false,
  });
  group.setToolActive(CrosshairsTool.toolName, { bindings: [{ mouseButton: MouseBindings.Primary }] });
  group.setToolActive(WindowLevelTool.toolName, {
    bindings: [{ mouseButton: MouseBindings.Primary, modifierKey: KeyboardBindings.Alt }],
  });
  group.setToolActive(PanTool.toolName, { bindings: PAN_BINDINGS });
  group.setToolActive(ZoomTool.toolName, { bindings: ZOOM_BINDINGS });
  group.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
}

/** 3D: the left button rotates, right zooms, middle (or Shift+left) pans. */
export function bind3dTools(group: ToolTypes.IToolGroup): void {
  group.addTool(TrackballRotateTool.toolName);
  group.addTool(PanTool.toolName);
  group.addTool(ZoomTool.toolName);
  group.setToolActive(TrackballRotateTool.toolName, { bindings: [{ mouseButton: MouseBindings.Primary }] });
  group.setToolActive(PanTool.toolName, { bindings: PAN_BINDINGS });
  group.setToolActive(ZoomTool.toolName, { bindings: ZOOM_BINDINGS });
}
