import { afterAll, describe, expect, it } from 'vitest';
import { createWorkstationService } from '../../src-main/services/createWorkstationService';
import { BUNDLED_DEMO_STUDIES, importDemoStudiesIfEmpty } from '../../src-main/services/importDemoStudies';
import { makeTempDir } from '../helpers/tempDir';

const tmp = makeTempDir('demo');
afterAll(() => tmp.cleanup());

describe('demo studies', () => {
  it('are imported on a first launch only, one study per domain, none rejected', async () => {
    const service = createWorkstationService({ dataDir: tmp.dir, actor: 'test', workers: 2 });
    try {
      expect(await importDemoStudiesIfEmpty(service, BUNDLED_DEMO_STUDIES)).toBeGreaterThan(0);
      const { studies } = await service.api.listStudies({ limit: 100 });
      const domains = new Set(studies.flatMap((s) => s.domains));
      expect([...domains].sort()).toEqual(['ct', 'cxr', 'ecg', 'fundus', 'mammography', 'mri', 'pathology', 'skin', 'ultrasound']);
      expect(await importDemoStudiesIfEmpty(service, BUNDLED_DEMO_STUDIES)).toBe(0); // not empty any more
    } finally {
      await service.close();
    }
  }, 120_000);
});
