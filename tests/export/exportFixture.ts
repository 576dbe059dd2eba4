/** One temporary store per test file with a real CT series and a real dermoscopy photo imported. */
import { createWorkstationService, type WorkstationService } from '../../src-main/services/createWorkstationService';
import type { StudyDetail } from '../../src-main/contract/schemas';
import { sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';

export interface ExportFixture {
  service: WorkstationService;
  dataDir: string;
  ct: StudyDetail;
  photo: StudyDetail;
  cleanup: () => Promise<void>;
}

export async function importFixture(prefix: string, extraPaths: string[] = []): Promise<ExportFixture & { extra: StudyDetail[] }> {
  const tmp = makeTempDir(prefix);
  const service = createWorkstationService({ dataDir: tmp.dir, actor: 'test', workers: 1 });
  const ctPath = sharedData('ct', 'series_philips_ingenuity_phantom_brain5mm');
  const photoPath = sharedData('dermoscopy', 'ISIC_0000000.jpg');
  const report = await service.api.importPaths({ paths: [ctPath, photoPath, ...extraPaths] });
  const details = await Promise.all(report.studyIds.map((studyId) => service.api.getStudy({ studyId })));
  const ct = details.find((d) => d.series.some((s) => s.modality === 'CT' && s.instances.length > 1));
  const photo = details.find((d) => d.series.some((s) => s.images.length > 0));
  if (!ct || !photo) throw new Error(`fixture import incomplete: ${JSON.stringify(report.countsByKind)}`);
  return {
    service,
    dataDir: tmp.dir,
    ct,
    photo,
    extra: details.filter((d) => d !== ct && d !== photo),
    cleanup: async () => {
      await service.close();
      tmp.cleanup();
    },
  };
}
