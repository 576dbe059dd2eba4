// The pointer tools of the stack viewer as one table: which cornerstone tool the left button drives.
// "window" is the default (window/level drag); the others draw measurements. The toolbar, the keyboard
// shortcuts and the tool-group binding all read this table. Tool names are cornerstone's static
// `toolName`s written out, so the table (and the help built from it) loads without cornerstone;
// ensureCornerstone checks that each one is registered.
import type { MeasurementKind } from './measurementText';

export type PointerToolKey = 'window' | MeasurementKind;

export interface PointerTool {
  key: PointerToolKey;
  label: string;
  /** cornerstone's registered tool name. */
  toolName: string;
  /** Single key that selects it while the viewer has focus. */
  shortcut: string;
  description: string;
}

export const POINTER_TOOLS: readonly PointerTool[] = [
  { key: 'window', label: 'W/L', toolName: 'WindowLevel', shortcut: 'w', description: 'Left drag windows (default tool)' },
  { key: 'length', label: 'Length', toolName: 'Length', shortcut: 'l', description: 'Length tool (mm from pixel spacing)' },
  { key: 'angle', label: 'Angle', toolName: 'Angle', shortcut: 'a', description: 'Angle tool (three clicks, degrees)' },
  {
    key: 'ellipse',
    label: 'Ellipse ROI',
    toolName: 'EllipticalROI',
    shortcut: 'e',
    description: 'Elliptical ROI (area, mean and SD; HU on CT)',
  },
];

/** The tools that leave annotations behind (all but window/level). */
export const MEASUREMENT_TOOLS = POINTER_TOOLS.filter((t): t is PointerTool & { key: MeasurementKind } => t.key !== 'window');

export function pointerTool(key: PointerToolKey): PointerTool {
  const tool = POINTER_TOOLS.find((t) => t.key === key);
  if (!tool) throw new Error(`unknown pointer tool ${key}`);
  return tool;
}
