import type { WorkstationService } from '../services/createWorkstationService';

/** A study named by numeric id, Study Instance UID or accession number. */
export async function resolveStudyId(service: WorkstationService, ref: string): Promise<number | undefined> {
  if (/^\d+$/.test(ref)) return Number(ref);
  const { studies } = await service.api.listStudies({ text: ref, limit: 1000 });
  return studies.find((s) => s.studyInstanceUid === ref || s.accessionNumber === ref)?.id;
}
