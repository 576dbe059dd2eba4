// Keyboard shortcuts as one table: the viewer dispatches from it and prints its help from it, so the
// two cannot disagree.
import type { CaliperMode } from './caliperSession';
import type { EcgLayout } from './layoutLeads';

export type EcgShortcutAction =
  | { type: 'layout'; layout: EcgLayout }
  | { type: 'cycleSpeed' }
  | { type: 'cycleGain' }
  | { type: 'caliper'; mode: CaliperMode }
  | { type: 'clearCalipers' }
  | { type: 'page'; direction: -1 | 1 }
  | { type: 'toggleFitWidth' };

export interface EcgShortcut {
  key: string;
  description: string;
  action: EcgShortcutAction;
}

export const ECG_SHORTCUTS: readonly EcgShortcut[] = [
  { key: '1', description: 'Layout 3×4 + II rhythm strip', action: { type: 'layout', layout: '3x4+II' } },
  { key: '2', description: 'Layout 6×2', action: { type: 'layout', layout: '6x2' } },
  { key: '3', description: 'Layout 12×1', action: { type: 'layout', layout: '12x1' } },
  { key: 's', description: 'Next paper speed (12.5 / 25 / 50 mm/s)', action: { type: 'cycleSpeed' } },
  { key: 'g', description: 'Next gain (5 / 10 / 20 mm/mV)', action: { type: 'cycleGain' } },
  { key: 'w', description: 'Fit the page to the panel width / back to paper size', action: { type: 'toggleFitWidth' } },
  { key: 'i', description: 'Interval caliper (ms, bpm)', action: { type: 'caliper', mode: 'interval' } },
  { key: 'a', description: 'Amplitude caliper (mV)', action: { type: 'caliper', mode: 'amplitude' } },
  { key: 'q', description: 'QTc caliper (QT, then RR; Bazett)', action: { type: 'caliper', mode: 'qtc' } },
  { key: 'Escape', description: 'Clear calipers and turn them off', action: { type: 'clearCalipers' } },
  { key: 'ArrowLeft', description: 'Previous page of a long record', action: { type: 'page', direction: -1 } },
  { key: 'ArrowRight', description: 'Next page of a long record', action: { type: 'page', direction: 1 } },
];

export function shortcutFor(key: string): EcgShortcutAction | undefined {
  const normalised = key.length === 1 ? key.toLowerCase() : key;
  return ECG_SHORTCUTS.find((s) => s.key === normalised)?.action;
}

export function shortcutHelp(): string {
  return ECG_SHORTCUTS.map((s) => `${s.key}: ${s.description}`).join('\n');
}

/** The value after `current` in `values`, wrapping; the first value when `current` is not among them. */
export function nextInCycle<T>(values: readonly T[], current: T): T {
  const index = values.indexOf(current);
  return values[(index + 1) % values.length] as T;
}
