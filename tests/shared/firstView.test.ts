/** The hanging protocol's first step, shared by the reader and the service's getFirstImage. */
import { describe, expect, it } from 'vitest';
import { firstView, isNiftiSeries, viewableSeries } from '../../src-shared/hangingProtocol/firstView';
import type { SliceFields } from '../../src-shared/hangingProtocol/sliceOrder';

const AXIAL: [number, number, number, number, number, number] = [1, 0, 0, 0, 1, 0];

function slice(id: number, z: number | null, over: Partial<SliceFields> = {}): SliceFields {
  return {
    id,
    objectType: 'image',
    pixelState: 'ok',
    rows: 512,
    columns: 512,
    instanceNumber: id,
    imagePosition: z === null ? null : [0, 0, z],
    imageOrientation: AXIAL,
    ...over,
  };
}

const series = (id: number, over: { instances?: SliceFields[]; images?: { pixelState: string }[]; dims?: number[] } = {}) => ({
  id,
  instances: over.instances ?? [],
  images: over.images ?? [],
  volumes: over.dims ? [{ dims: over.dims }] : [],
});

describe('firstView', () => {
  it('opens the first series with images, at its head-most slice (highest z for axial), not instance 1', () => {
    // An SR-only series and an undecodable one come first in study order; the reader skips both.
    const sr = series(1, { instances: [slice(10, 0, { objectType: 'sr', rows: null, columns: null })] });
    const broken = series(2, { instances: [slice(20, 0, { pixelState: 'undecodable' })] });
    // Instance numbers run feet → head here; the axial normal is +z, so the head-most slice is z = 90.
    const ct = series(3, { instances: [slice(31, -30), slice(32, 30), slice(33, 90), slice(34, 60)] });
    expect(firstView([sr, broken, ct])).toEqual({ seriesId: 3, view: 'stack', instance: expect.objectContaining({ id: 33 }) });
  });

  it('falls back to the lowest instance number when a slice has no position', () => {
    const ct = series(1, { instances: [slice(5, 10, { instanceNumber: 2 }), slice(6, null, { instanceNumber: 1 })] });
    expect(firstView([ct])?.instance?.id).toBe(6);
  });

  it('opens a NIfTI volume as a volume and a photo series as a stack without a DICOM slice', () => {
    expect(firstView([series(7, { dims: [64, 64, 40] })])).toEqual({ seriesId: 7, view: 'volume', instance: null });
    expect(firstView([series(8, { images: [{ pixelState: 'ok' }] })])).toEqual({ seriesId: 8, view: 'stack', instance: null });
  });

  it('names nothing when no series has an image (an ECG study, a 2-slice NIfTI, undecodable photos)', () => {
    const none = [series(1), series(2, { dims: [64, 64, 2] }), series(3, { images: [{ pixelState: 'undecodable' }] })];
    expect(viewableSeries(none)).toEqual([]);
    expect(isNiftiSeries(none[1]!)).toBe(false);
    expect(firstView(none)).toBeNull();
  });
});
