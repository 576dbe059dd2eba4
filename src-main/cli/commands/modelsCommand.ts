import type { WorkstationService } from '../../services/createWorkstationService';
import { table } from '../format';

/** `qoq models`: installed model packages and whether each verifies; exit 1 if any does not. */
export async function modelsCommand(service: WorkstationService, json: boolean): Promise<number> {
  const { models } = await service.api.listModels({});
  if (json) {
    process.stdout.write(`${JSON.stringify({ models }, null, 2)}\n`);
  } else if (models.length === 0) {
    process.stdout.write('No model packages installed.\n');
  } else {
    const rows = models.map((m) => [m.name ?? '?', m.version ?? '?', m.verified ? 'verified' : 'REFUSED', m.sha256?.slice(0, 12) ?? '', m.verified ? m.dir : m.problem]);
    process.stdout.write(`${table(['name', 'version', 'status', 'sha256', 'location / problem'], rows)}\n`);
  }
  return models.every((m) => m.verified) ? 0 : 1;
}
