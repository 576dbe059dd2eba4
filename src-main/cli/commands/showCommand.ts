import type { StudyDetail } from '../../contract/schemas';
import type { WorkstationService } from '../../services/createWorkstationService';
import { formatDate, table } from '../format';
import { resolveStudyId } from '../resolveStudyId';
import { UsageError } from '../usage';

/** `qoq show <study>`: the study by numeric id, Study Instance UID or accession number. */
export async function showCommand(service: WorkstationService, ref: string | undefined, json: boolean): Promise<number> {
  if (!ref) throw new UsageError('show needs a study (id, Study Instance UID or accession number)');
  const studyId = await resolveStudyId(service, ref);
  if (studyId === undefined) {
    process.stderr.write(`qoq: no study matches "${ref}"\n`);
    return 1;
  }
  const detail = await service.api.getStudy({ studyId });
  if (json) process.stdout.write(`${JSON.stringify(detail, null, 2)}\n`);
  else process.stdout.write(`${describe(detail)}\n`);
  return 0;
}

function describe({ study, series }: StudyDetail): string {
  const head = [
    `Study ${study.id}  ${study.description ?? ''}`.trimEnd(),
    `  Patient   ${study.patientId}${study.patientName ? ` (${study.patientName})` : ''}`,
    `  Date      ${formatDate(study.studyDate)}`,
    `  UID       ${study.studyInstanceUid}`,
    `  Domains   ${study.domains.join(', ')}`,
    '',
  ];
  const rows = series.map((s) => {
    const first = s.instances[0];
    const size = first?.rows ? `${first.columns}×${first.rows}${first.frames && first.frames > 1 ? `×${first.frames}` : ''}` : '';
    const objects = s.instances.length + s.waveforms.length + s.images.length + s.volumes.length;
    const undecodable = s.instances.filter((i) => i.pixelState === 'undecodable').length + s.images.filter((i) => i.pixelState === 'undecodable').length;
    const ecg = s.waveforms[0] ? `${s.waveforms[0].leads.length} leads @ ${s.waveforms[0].samplingRateHz} Hz, ${s.waveforms[0].durationS.toFixed(1)} s` : '';
    const vol = s.volumes[0] ? s.volumes[0].dims.join('×') : '';
    return [s.seriesNumber, s.modality, s.domain, objects, size || ecg || vol || (s.images[0] ? `${s.images[0].width}×${s.images[0].height}` : ''), undecodable ? `${undecodable} undecodable` : '', s.description];
  });
  return head.join('\n') + table(['#', 'modality', 'domain', 'objects', 'size', 'pixels', 'description'], rows);
}
