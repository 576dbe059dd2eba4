// Orientation letters for a volume plane from its camera: the screen's right edge points along
// viewUp × viewPlaneNormal and its bottom edge along −viewUp (cornerstone's camera conventions), which
// is the row/column pair orientationMarkers() reads from Image Orientation (Patient) for a stack.
import { orientationMarkers, type OrientationMarkers } from './orientationMarkers';

type Vec3 = readonly [number, number, number];

export function cameraMarkers(viewUp: Vec3, viewPlaneNormal: Vec3): OrientationMarkers | null {
  const [ux, uy, uz] = viewUp;
  const [nx, ny, nz] = viewPlaneNormal;
  const right = [uy * nz - uz * ny, uz * nx - ux * nz, ux * ny - uy * nx];
  return orientationMarkers([...right, -ux, -uy, -uz]);
}
