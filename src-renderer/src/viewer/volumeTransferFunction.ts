// Puts mrTransferFunction's ramp on a 3D viewport's volume (see mrTransferFunction.ts for why).
import { cache, type Types } from '@cornerstonejs/core';
import { mrTransferFunction, strideSample } from './mrTransferFunction';

/**
 * The part of vtk's volume property this sets. Cornerstone types the actor as a union of vtk classes
 * (image slice, volume, actor); a volume viewport's default actor is a vtkVolume, which has these.
 */
interface VolumeProperty {
  getRGBTransferFunction(component: number): { removeAllPoints(): void; addRGBPoint(x: number, r: number, g: number, b: number): void };
  getScalarOpacity(component: number): { removeAllPoints(): void; addPoint(x: number, y: number): void };
}

/** Replaces the viewport's colour and opacity functions with ones placed on the volume's intensities. */
export function placeTransferFunctionOnData(viewport: Types.IVolumeViewport, volumeId: string): void {
  const voxels = cache.getVolume(volumeId)?.voxelManager;
  if (!voxels) throw new Error(`volume ${volumeId} is not in the cache`);
  const sample = strideSample(voxels.getScalarDataLength(), (i) => {
    const v = voxels.getAtIndex(i);
    return typeof v === 'number' ? v : NaN; // an RGB volume has no intensity ramp to place
  });
  const tf = mrTransferFunction(sample);
  const property = (viewport.getDefaultActor().actor as unknown as { getProperty(): VolumeProperty }).getProperty();
  const colors = property.getRGBTransferFunction(0);
  colors.removeAllPoints();
  for (const [x, r, g, b] of tf.colors) colors.addRGBPoint(x, r, g, b);
  const opacity = property.getScalarOpacity(0);
  opacity.removeAllPoints();
  for (const [x, a] of tf.opacity) opacity.addPoint(x, a);
}
