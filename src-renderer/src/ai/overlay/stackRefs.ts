// The box reference (`<SOP Instance UID>#<frame>` or `image:<id>`, as the model's inputs and the review
// use) and the pixel size of every image a stack viewer pages through, in the viewer's own order.
import type { Instance, Series } from '../../../../src-main/contract/schemas';
import { displayablePhotos } from '../../../../src-shared/hangingProtocol/firstView';
import type { StackSource } from '../../viewer/stackSource';

export interface StackImageRef {
  ref: string;
  width: number;
  height: number;
}

export function stackRefs(series: Series, source: StackSource): StackImageRef[] {
  const out: StackImageRef[] = [];
  let previous: Instance | undefined;
  let frame = 0;
  for (const owner of source.owners) {
    if (!owner) continue; // photos follow all DICOM frames (stackSource), handled below
    frame = owner === previous ? frame + 1 : 0;
    previous = owner;
    out.push({ ref: `${owner.sopInstanceUid}#${frame}`, width: owner.columns ?? 0, height: owner.rows ?? 0 });
  }
  for (const photo of displayablePhotos(series.images)) out.push({ ref: `image:${photo.id}`, width: photo.width, height: photo.height });
  return out;
}
