// Image ids for cornerstone's DICOM loader. `wadouri:` makes the loader fetch a whole Part-10 file by
// URL; the URL is the hosts' own pixel route (/files/instances/<id>), on the page's origin, so the
// same ids work on app://workstation (Electron) and on the loopback browser host.
import type { Instance } from '../../../src-main/contract/schemas';

export function instanceUrl(instanceId: number, origin: string): string {
  return `${origin}/files/instances/${instanceId}`;
}

/** One id per frame: multi-frame objects become `…?frame=k` (1-based, as the loader expects). */
export function imageIdsFor(instances: readonly Pick<Instance, 'id' | 'frames'>[], origin: string): string[] {
  return instances.flatMap((instance) => {
    const url = instanceUrl(instance.id, origin);
    const frames = instance.frames ?? 1;
    if (frames <= 1) return [`wadouri:${url}`];
    return Array.from({ length: frames }, (_, k) => `wadouri:${url}?frame=${k + 1}`);
  });
}
