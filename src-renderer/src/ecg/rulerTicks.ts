// Tick marks of the on-screen calibration ruler, in mm: like a school ruler, every mm, longer every 5,
// numbered every 10, so the user can line it up against a physical one.

export interface RulerTick {
  xMm: number;
  lengthMm: number;
  label: string | null;
}

export function rulerTicks(lengthMm: number): RulerTick[] {
  return Array.from({ length: Math.floor(lengthMm) + 1 }, (_, mm) => ({
    xMm: mm,
    lengthMm: mm % 10 === 0 ? 6 : mm % 5 === 0 ? 4.5 : 3,
    label: mm % 10 === 0 ? String(mm) : null,
  }));
}
