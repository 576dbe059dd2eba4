// Reads the absolute M/L/H/V commands the ECG modules emit back into points, for geometry assertions.

export interface PathPoint {
  x: number;
  y: number;
  move: boolean;
}

export function pathPoints(d: string): PathPoint[] {
  const points: PathPoint[] = [];
  let x = 0;
  let y = 0;
  for (const [, command, args] of d.matchAll(/([MLHV])([^MLHV]*)/g)) {
    const numbers = (args ?? '').trim().split(/[\s,]+/).map(Number);
    if (command === 'M' || command === 'L') [x, y] = numbers as [number, number];
    else if (command === 'H') x = numbers[0] as number;
    else y = numbers[0] as number;
    points.push({ x, y, move: command === 'M' });
  }
  return points;
}
