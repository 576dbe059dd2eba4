// The screen calibration setting (CSS px per mm). The user lays a physical ruler on the on-screen 50 mm
// ruler and corrects it; the value is kept through an injected key/value store so this code runs in tests
// and does not decide where settings live (localStorage satisfies the interface).
import { DEFAULT_CSS_PX_PER_MM } from './paperScale';

/** The part of the Web Storage API the setting needs. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const CALIBRATION_STORAGE_KEY = 'qoq.ecg.cssPxPerMm';
export const CALIBRATION_RULER_MM = 50;

// About 38 to 305 CSS px per inch: outside that, the value is a typo or corrupt, not a real screen.
export const MIN_CSS_PX_PER_MM = 1.5;
export const MAX_CSS_PX_PER_MM = 12;

export function clampCssPxPerMm(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_CSS_PX_PER_MM;
  return Math.min(MAX_CSS_PX_PER_MM, Math.max(MIN_CSS_PX_PER_MM, value));
}

export function readCssPxPerMm(storage: KeyValueStorage): number {
  const stored = storage.getItem(CALIBRATION_STORAGE_KEY);
  if (stored === null) return DEFAULT_CSS_PX_PER_MM;
  const value = Number(stored);
  return Number.isFinite(value) && value >= MIN_CSS_PX_PER_MM && value <= MAX_CSS_PX_PER_MM
    ? value
    : DEFAULT_CSS_PX_PER_MM;
}

export function writeCssPxPerMm(storage: KeyValueStorage, value: number): number {
  const clamped = clampCssPxPerMm(value);
  storage.setItem(CALIBRATION_STORAGE_KEY, String(clamped));
  return clamped;
}

/**
 * The corrected setting after the user measured the on-screen ruler with a physical one: a ruler drawn
 * as `rulerMm` that measures `measuredMm` means every mm is drawn measured/ruler times too large.
 */
export function correctedCssPxPerMm(current: number, measuredMm: number, rulerMm = CALIBRATION_RULER_MM): number {
  if (!(measuredMm > 0)) return current;
  return clampCssPxPerMm((current * rulerMm) / measuredMm);
}

/** A storage that forgets on reload, for callers that did not inject one. */
export function memoryStorage(): KeyValueStorage {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
  };
}
