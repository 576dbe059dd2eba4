import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkstationService } from './createWorkstationService';

/** Synthetic demo studies shipped in resources/demo (made by the phantom lab: `npm run demo:build`). */
export const BUNDLED_DEMO_STUDIES = fileURLToPath(new URL('../../resources/demo/studies', import.meta.url));

/**
 * On a first launch (an empty store) imports the demo studies, so the workstation opens with something to
 * read. Never touches a store that already holds studies. Returns the number of objects imported.
 */
export async function importDemoStudiesIfEmpty(service: WorkstationService, demoDir = BUNDLED_DEMO_STUDIES): Promise<number> {
  if (!existsSync(demoDir)) return 0;
  const { total } = await service.api.listStudies({ limit: 1 });
  if (total > 0) return 0;
  const report = await service.api.importPaths({ paths: [path.resolve(demoDir)] });
  return report.imported;
}
