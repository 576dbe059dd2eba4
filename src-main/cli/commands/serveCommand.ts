import path from 'node:path';
import { startBrowserHost } from '../../host/browserHost';
import type { WorkstationService } from '../../services/createWorkstationService';
import { importDemoStudiesIfEmpty } from '../../services/importDemoStudies';
import { repoRoot } from '../repoRoot';

/** `qoq serve`: the workstation UI on 127.0.0.1 until Ctrl-C. */
export async function serveCommand(service: WorkstationService, port: number | undefined): Promise<number> {
  const demo = await importDemoStudiesIfEmpty(service);
  if (demo > 0) process.stdout.write(`First launch: imported ${demo} synthetic demo objects (resources/demo).\n`);
  let host;
  try {
    host = await startBrowserHost({ service, rendererDir: path.join(repoRoot, 'out', 'renderer'), ...(port !== undefined ? { port } : {}) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    throw new Error(`port ${port} on 127.0.0.1 is in use (another qoq serve?): choose another with --port, or leave --port out for a free one`);
  }
  process.stdout.write(`QoQ workstation (research use only) at ${host.launchUrl}\nStore: ${service.dataDir}\nPress Ctrl-C to stop.\n`);
  // Ready before the first import; a failure here is reported again by that import, with its files.
  service.startImportWorkers().catch((err: Error) => process.stderr.write(`qoq: the import workers did not start: ${err.message}\n`));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await host.close();
  return 0;
}
