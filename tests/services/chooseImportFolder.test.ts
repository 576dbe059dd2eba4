/** chooseImportFolder: served by the host's picker where there is one, a clear refusal elsewhere. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkstationService, type WorkstationService } from '../../src-main/services/createWorkstationService';
import { dispatch, ServiceError } from '../../src-main/services/dispatch';
import { makeTempDir } from '../helpers/tempDir';

const opened: Array<{ service: WorkstationService; tmp: ReturnType<typeof makeTempDir> }> = [];
function open(picker?: () => Promise<{ paths: string[] } | { cancelled: true }>): WorkstationService {
  const tmp = makeTempDir('choose-folder');
  const service = createWorkstationService({ dataDir: tmp.dir, actor: 'test', workers: 1, chooseImportFolder: picker });
  opened.push({ service, tmp });
  return service;
}
afterEach(async () => {
  for (const { service, tmp } of opened.splice(0)) {
    await service.close();
    tmp.cleanup();
  }
});

describe('chooseImportFolder', () => {
  it('without a picker (CLI, browser host) fails with an error that says why', async () => {
    const call = dispatch(open().api, 'chooseImportFolder', {});
    await expect(call).rejects.toBeInstanceOf(ServiceError);
    await expect(call).rejects.toThrow(/needs the desktop app/);
  });

  it("returns the host picker's answer, checked against the contract", async () => {
    const picker = vi.fn(async () => ({ paths: ['/scans/ct'] }));
    expect(await dispatch(open(picker).api, 'chooseImportFolder', {})).toEqual({ paths: ['/scans/ct'] });
    expect(await dispatch(open(async () => ({ cancelled: true as const })).api, 'chooseImportFolder', {})).toEqual({ cancelled: true });
    // A picker answering something else is caught before any host sends it on.
    const broken = open(async () => ({ paths: 'not a list' }) as unknown as { paths: string[] });
    await expect(dispatch(broken.api, 'chooseImportFolder', {})).rejects.toThrow(/invalid result/);
    await expect(dispatch(open(picker).api, 'chooseImportFolder', { extra: 1 })).rejects.toThrow(/invalid input/);
  });
});
