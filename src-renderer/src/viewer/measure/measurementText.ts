// A measurement as the reader sees it in the list: one line of numbers with units. Pure: it takes the
// stats cornerstone caches on an annotation (whatever their shape, they are checked here), so it is
// tested without a browser.

export type MeasurementKind = 'length' | 'angle' | 'ellipse';

export interface MeasurementStats {
  length?: unknown;
  unit?: unknown;
  angle?: unknown;
  area?: unknown;
  areaUnit?: unknown;
  mean?: unknown;
  stdDev?: unknown;
  modalityUnit?: unknown;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown, fallback: string): string => (typeof v === 'string' && v ? v : fallback);

/** Cornerstone's "raw" means unscaled stored values: shown without a unit rather than as a fake one. */
function valueUnit(unit: unknown): string {
  const u = str(unit, 'raw');
  return u === 'raw' ? '' : ` ${u}`;
}

/** Fixed decimals for the list: lengths and areas to 0.1, angles to 0.1°, intensities to 0.1. */
export function measurementText(kind: MeasurementKind, stats: MeasurementStats): string | undefined {
  switch (kind) {
    case 'length': {
      const length = num(stats.length);
      return length === undefined ? undefined : `${length.toFixed(1)} ${str(stats.unit, 'px')}`;
    }
    case 'angle': {
      const angle = num(stats.angle);
      return angle === undefined ? undefined : `${angle.toFixed(1)}°`;
    }
    case 'ellipse': {
      const area = num(stats.area);
      const mean = num(stats.mean);
      const sd = num(stats.stdDev);
      if (area === undefined || mean === undefined || sd === undefined) return undefined;
      const unit = valueUnit(stats.modalityUnit);
      return `Area ${area.toFixed(1)} ${str(stats.areaUnit, 'px²')} · Mean ${mean.toFixed(1)}${unit} · SD ${sd.toFixed(1)}${unit}`;
    }
  }
}
