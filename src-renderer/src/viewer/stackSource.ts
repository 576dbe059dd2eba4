// What a stack viewer pages through for one series: its DICOM images (one id per frame, geometry order)
// and its photos, each id paired with the instance it came from (photos have none) for the overlay.
import type { Instance, Series } from '../../../src-main/contract/schemas';
import { imageIdsFor } from './instanceImageIds';
import { photoImageId } from './photo/photoImageId';
import { displayablePhotos } from '../../../src-shared/hangingProtocol/firstView';
import { displayableInstances, orderBySlicePosition } from '../../../src-shared/hangingProtocol/sliceOrder';

export interface StackSource {
  imageIds: string[];
  /** The instance behind each image id (a multi-frame instance owns several; photos have none). */
  owners: (Instance | undefined)[];
  /** True when some image has more than one frame (US/XA cine loops). */
  multiFrame: boolean;
}

export function stackSource(series: Series, origin: string): StackSource {
  const ordered = orderBySlicePosition(displayableInstances(series.instances));
  const photos = displayablePhotos(series.images);
  return {
    imageIds: [...imageIdsFor(ordered, origin), ...photos.map((p) => photoImageId(p.id, origin))],
    owners: [...ordered.flatMap((i) => Array.from({ length: Math.max(1, i.frames ?? 1) }, () => i)), ...photos.map(() => undefined)],
    multiFrame: ordered.some((i) => (i.frames ?? 1) > 1),
  };
}
