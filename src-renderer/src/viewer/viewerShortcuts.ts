// Keyboard shortcuts of the stack viewer as one table: the viewer dispatches from it and prints its
// help from it, so the two cannot disagree. Preset keys (1…n) follow the presets offered for the series;
// the pointer-tool keys come from the pointer-tool table.
import { POINTER_TOOLS, type PointerToolKey } from './measure/measurementTools';

export type ViewerShortcutAction =
  | { type: 'scroll'; delta: number }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'preset'; index: number }
  | { type: 'invert' }
  | { type: 'reset' }
  | { type: 'tool'; tool: PointerToolKey }
  | { type: 'clearMeasurements' }
  | { type: 'cine' };

export interface ViewerShortcut {
  key: string;
  description: string;
  action: ViewerShortcutAction;
}

export const VIEWER_SHORTCUTS: readonly ViewerShortcut[] = [
  { key: 'ArrowUp', description: 'Previous slice', action: { type: 'scroll', delta: -1 } },
  { key: 'ArrowDown', description: 'Next slice', action: { type: 'scroll', delta: 1 } },
  { key: 'PageUp', description: '10 slices back', action: { type: 'scroll', delta: -10 } },
  { key: 'PageDown', description: '10 slices on', action: { type: 'scroll', delta: 10 } },
  { key: 'Home', description: 'First slice', action: { type: 'first' } },
  { key: 'End', description: 'Last slice', action: { type: 'last' } },
  ...[1, 2, 3, 4, 5, 6].map((n) => ({
    key: String(n),
    description: `Window preset ${n} (in the order of the buttons)`,
    action: { type: 'preset', index: n - 1 } as const,
  })),
  { key: 'i', description: 'Invert greyscale', action: { type: 'invert' } },
  { key: 'r', description: 'Reset window, zoom and pan', action: { type: 'reset' } },
  ...POINTER_TOOLS.map((t) => ({ key: t.shortcut, description: t.description, action: { type: 'tool', tool: t.key } as const })),
  { key: 'Delete', description: 'Delete all measurements of this series', action: { type: 'clearMeasurements' } },
  { key: 'p', description: 'Play / pause cine (multi-frame and stacks)', action: { type: 'cine' } },
];

/** Mouse bindings, printed in the same help. */
export const VIEWER_MOUSE_HELP: readonly string[] = [
  'Wheel: scroll slices',
  'Left drag: window/level (horizontal = width, vertical = level)',
  'Right drag or Ctrl + left drag: zoom',
  'Middle drag or Shift + left drag: pan',
];

export function viewerShortcutFor(key: string): ViewerShortcutAction | undefined {
  const normalised = key.length === 1 ? key.toLowerCase() : key;
  return VIEWER_SHORTCUTS.find((s) => s.key === normalised)?.action;
}
