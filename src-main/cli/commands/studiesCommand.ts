import type { OperationInput } from '../../contract/service';
import type { WorkstationService } from '../../services/createWorkstationService';
import { formatDate, table } from '../format';

export async function studiesCommand(service: WorkstationService, query: OperationInput<'listStudies'>, json: boolean): Promise<number> {
  const { studies, total } = await service.api.listStudies(query);
  if (json) {
    process.stdout.write(`${JSON.stringify({ studies, total }, null, 2)}\n`);
    return 0;
  }
  if (studies.length === 0) {
    process.stdout.write('No studies.\n');
    return 0;
  }
  const rows = studies.map((s) => [s.id, s.patientId, s.patientName, formatDate(s.studyDate), s.modalities.join(','), s.domains.join(','), s.seriesCount, s.objectCount, s.description]);
  process.stdout.write(`${table(['id', 'patient', 'name', 'date', 'modality', 'domain', 'series', 'objects', 'description'], rows)}\n`);
  if (total > studies.length) process.stdout.write(`(${studies.length} of ${total}; use --limit/--offset)\n`);
  return 0;
}
