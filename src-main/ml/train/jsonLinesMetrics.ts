import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { TrainMetrics } from './TrainMetrics.js';

/**
 * An onMetrics callback appending one JSON line per record to `file`. Synchronous appends of whole
 * lines: a killed run's log ends with its last complete record, never half a line from a buffer.
 */
export function jsonLinesMetrics(file: string): (record: TrainMetrics) => void {
  mkdirSync(path.dirname(file), { recursive: true });
  return (record) => appendFileSync(file, `${JSON.stringify(record)}\n`);
}
