/**
 * Conversions between parse-result values and SQL column values, shared by the repositories.
 * Empty strings become NULL so that "fill empty fields" is a plain COALESCE and lists show one kind of
 * "unknown".
 */
import type { PixelStatus } from '../parsing/types';

export function textOrNull(value: string | undefined | null): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

export function numberOrNull(value: number | undefined | null): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Parses a JSON column written by this store (never user-supplied SQL text). */
export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function parseJsonOrNull<T>(text: string | null): T | null {
  return text === null ? null : parseJson<T>(text);
}

export interface PixelColumns {
  pixel_state: PixelStatus['state'];
  pixel_error: string | null;
}

export function pixelColumns(pixels: PixelStatus): PixelColumns {
  return { pixel_state: pixels.state, pixel_error: pixels.state === 'undecodable' ? pixels.reason : null };
}

/** Whether `incoming` has a value for a field that is empty in `stored`: an upsert has something to fill. */
export function hasFillableFields<F extends object>(stored: F, incoming: Partial<F>): boolean {
  return (Object.keys(incoming) as (keyof F)[]).some((key) => stored[key] === null && incoming[key] != null);
}
