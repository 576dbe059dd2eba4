import { describe, expect, it } from 'vitest';
import type { Instance } from '../../../src-main/contract/schemas';
import { displayableInstances, orderBySlicePosition } from '../../../src-shared/hangingProtocol/sliceOrder';
import { imageIdsFor } from '../../../src-renderer/src/viewer/instanceImageIds';

const AXIAL: [number, number, number, number, number, number] = [1, 0, 0, 0, 1, 0];

function instance(id: number, over: Partial<Instance> = {}): Instance {
  return {
    id,
    sopInstanceUid: `1.2.${id}`,
    sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
    objectType: 'image',
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    instanceNumber: id,
    path: `/store/${id}`,
    size: 1,
    sha256: '',
    rows: 512,
    columns: 512,
    frames: 1,
    pixelSpacing: [0.5, 0.5],
    sliceThickness: 5,
    imagePosition: [0, 0, 0],
    imageOrientation: AXIAL,
    pixelState: 'ok',
    pixelError: null,
    flags: [],
    ...over,
  };
}

describe('orderBySlicePosition', () => {
  it('orders axial slices head first by position, whatever the instance numbers say', () => {
    const stack = [
      instance(1, { instanceNumber: 3, imagePosition: [0, 0, 10] }),
      instance(2, { instanceNumber: 1, imagePosition: [0, 0, 30] }),
      instance(3, { instanceNumber: 2, imagePosition: [0, 0, 20] }),
    ];
    expect(orderBySlicePosition(stack).map((i) => i.imagePosition?.[2])).toEqual([30, 20, 10]);
  });

  it('projects on the slice normal (sagittal slices move along x)', () => {
    const sagittal: [number, number, number, number, number, number] = [0, 1, 0, 0, 0, -1];
    const stack = [5, -5, 0].map((x, k) => instance(k + 1, { imagePosition: [x, 100, 7], imageOrientation: sagittal }));
    // normal = row × column = (0,1,0) × (0,0,−1) = (−1,0,0): descending along it is ascending x.
    expect(orderBySlicePosition(stack).map((i) => i.imagePosition?.[0])).toEqual([-5, 0, 5]);
  });

  it('falls back to instance number, then id, when geometry is missing', () => {
    const stack = [
      instance(1, { instanceNumber: 2 }),
      instance(2, { instanceNumber: null, imagePosition: null }),
      instance(3, { instanceNumber: 1 }),
    ];
    expect(orderBySlicePosition(stack).map((i) => i.id)).toEqual([3, 1, 2]);
  });

  it('keeps only decodable images', () => {
    const all = [instance(1), instance(2, { pixelState: 'undecodable' }), instance(3, { objectType: 'sr', rows: null })];
    expect(displayableInstances(all).map((i) => i.id)).toEqual([1]);
  });
});

describe('imageIdsFor', () => {
  it('points wadouri ids at the pixel route, one per frame (1-based)', () => {
    expect(imageIdsFor([instance(7), instance(8, { frames: 3 })], 'app://workstation')).toEqual([
      'wadouri:app://workstation/files/instances/7',
      'wadouri:app://workstation/files/instances/8?frame=1',
      'wadouri:app://workstation/files/instances/8?frame=2',
      'wadouri:app://workstation/files/instances/8?frame=3',
    ]);
  });
});
