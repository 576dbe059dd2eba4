// Orientation letters at the screen edges, from Image Orientation (Patient). DICOM patient axes are LPS:
// +x towards the patient's Left, +y Posterior, +z Head. The row direction points to the screen's right
// edge and the column direction to its bottom edge (valid while the view is not rotated or flipped,
// which this viewer does not offer).

export interface OrientationMarkers {
  top: string;
  bottom: string;
  left: string;
  right: string;
}

const LETTERS: readonly [positive: string, negative: string][] = [
  ['L', 'R'],
  ['P', 'A'],
  ['H', 'F'],
];

/** Letters for a direction, strongest component first ("LP" for an oblique), components under ~15° ignored. */
export function directionLabel(v: readonly [number, number, number]): string {
  return [0, 1, 2]
    .filter((axis) => Math.abs(v[axis] ?? 0) > 0.25)
    .sort((a, b) => Math.abs(v[b] ?? 0) - Math.abs(v[a] ?? 0))
    .map((axis) => {
      const [positive, negative] = LETTERS[axis] ?? ['', ''];
      return (v[axis] ?? 0) > 0 ? positive : negative;
    })
    .join('');
}

export function orientationMarkers(orientation: readonly number[] | null): OrientationMarkers | null {
  if (!orientation || orientation.length !== 6) return null;
  const row: [number, number, number] = [orientation[0] ?? 0, orientation[1] ?? 0, orientation[2] ?? 0];
  const col: [number, number, number] = [orientation[3] ?? 0, orientation[4] ?? 0, orientation[5] ?? 0];
  const neg = (v: [number, number, number]): [number, number, number] => [-v[0], -v[1], -v[2]];
  return { right: directionLabel(row), left: directionLabel(neg(row)), bottom: directionLabel(col), top: directionLabel(neg(col)) };
}
