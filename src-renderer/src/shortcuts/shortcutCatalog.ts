// Every keyboard shortcut of the workstation, grouped by where it works, built from the tables the
// components dispatch from (viewer, ECG, AI panel): the help panel prints this, so help and behaviour
// cannot drift apart. Add a shortcut to its component's table and it appears here.
import { AI_SHORTCUTS } from '../ai/aiShortcuts';
import { ECG_SHORTCUTS } from '../ecg/ecgShortcuts';
import { VIEWER_MOUSE_HELP, VIEWER_SHORTCUTS } from '../viewer/viewerShortcuts';

export interface ShortcutLine {
  key: string;
  description: string;
}

export interface ShortcutGroup {
  title: string;
  /** Where the keys act. */
  scope: string;
  shortcuts: readonly ShortcutLine[];
  mouse?: readonly string[];
}

/** The page-wide keys of the shell itself. */
export const GLOBAL_SHORTCUTS: readonly ShortcutLine[] = [
  { key: '?', description: 'Show or hide this list of shortcuts' },
  { key: 'Escape', description: 'Close this list' },
];

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  { title: 'Image viewer', scope: 'when the image has focus (click it)', shortcuts: VIEWER_SHORTCUTS, mouse: VIEWER_MOUSE_HELP },
  { title: 'ECG reader', scope: 'when the ECG has focus (click it)', shortcuts: ECG_SHORTCUTS },
  { title: 'AI read', scope: 'anywhere outside a text field', shortcuts: AI_SHORTCUTS },
  { title: 'Everywhere', scope: 'anywhere outside a text field', shortcuts: GLOBAL_SHORTCUTS },
];

/** Keys as printed on a keyboard. */
export function keyLabel(key: string): string {
  const names: Record<string, string> = { ArrowUp: '↑', ArrowDown: '↓', ArrowLeft: '←', ArrowRight: '→', Escape: 'Esc', Delete: 'Del' };
  return names[key] ?? (key.length === 1 ? key.toUpperCase() : key);
}
