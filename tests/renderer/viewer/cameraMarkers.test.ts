import { describe, expect, it } from 'vitest';
import { cameraMarkers } from '../../../src-renderer/src/viewer/cameraMarkers';

describe('orientation letters from a volume plane camera', () => {
  it('labels cornerstone\'s axial, sagittal and coronal cameras as radiologists read them', () => {
    // The cameras cornerstone sets for OrientationAxis AXIAL, SAGITTAL and CORONAL (LPS).
    expect(cameraMarkers([0, -1, 0], [0, 0, -1])).toEqual({ top: 'A', bottom: 'P', left: 'R', right: 'L' });
    expect(cameraMarkers([0, 0, 1], [1, 0, 0])).toEqual({ top: 'H', bottom: 'F', left: 'A', right: 'P' });
    expect(cameraMarkers([0, 0, 1], [0, -1, 0])).toEqual({ top: 'H', bottom: 'F', left: 'R', right: 'L' });
  });
});
