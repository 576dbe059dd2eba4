// Orders a series' instances into the stack the viewer scrolls through. Instance numbers are what the
// producer intended but are often missing, restarted or unrelated to anatomy, so geometry wins when
// every slice has it: slices are sorted by their position along the series' normal.
// Shared: the renderer orders its stack with it and the service names the first slice with it
// (getFirstImage), so both agree on which file the reader shows first.

type Vec3 = [number, number, number];

/** The fields of a contract Instance this module reads (src-shared imports nothing from src-main). */
export interface SliceFields {
  id: number;
  objectType: string;
  pixelState: string;
  rows: number | null;
  columns: number | null;
  instanceNumber: number | null;
  imagePosition: Vec3 | null;
  imageOrientation: [number, number, number, number, number, number] | null;
}

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

/** Instances that carry decodable pixels (images), the only ones a stack viewport can show. */
export function displayableInstances<T extends SliceFields>(instances: readonly T[]): T[] {
  return instances.filter((i) => i.objectType === 'image' && i.pixelState === 'ok' && i.rows !== null && i.columns !== null);
}

/**
 * Display order: descending position along the slice normal (row × column direction), i.e. for an
 * axial series head first, then towards the feet, the order a head CT is read in. Falls back to the
 * instance number (then id) when any slice lacks position or orientation.
 */
export function orderBySlicePosition<T extends SliceFields>(instances: readonly T[]): T[] {
  const byNumber = [...instances].sort(
    (a, b) => (a.instanceNumber ?? Number.MAX_SAFE_INTEGER) - (b.instanceNumber ?? Number.MAX_SAFE_INTEGER) || a.id - b.id,
  );
  const first = byNumber[0]?.imageOrientation;
  if (!first || byNumber.some((i) => i.imagePosition === null || i.imageOrientation === null)) return byNumber;
  const normal = cross([first[0], first[1], first[2]], [first[3], first[4], first[5]]);
  // Stable sort on top of the number order: slices at the same position keep their instance order.
  return byNumber.sort((a, b) => dot(b.imagePosition as Vec3, normal) - dot(a.imagePosition as Vec3, normal));
}
