import type { StudyReview } from '../../contract/reviewSchemas';
import type { WorkstationService } from '../../services/createWorkstationService';
import { table } from '../format';
import { resolveStudyId } from '../resolveStudyId';
import { UsageError } from '../usage';

/** `qoq review <study>`: the stored analyses, the findings with the reader's decisions, first read, ground truth. */
export async function reviewCommand(service: WorkstationService, ref: string | undefined, json: boolean): Promise<number> {
  if (!ref) throw new UsageError('review needs a study (id, Study Instance UID or accession number)');
  const studyId = await resolveStudyId(service, ref);
  if (studyId === undefined) {
    process.stderr.write(`qoq: no study matches "${ref}"\n`);
    return 1;
  }
  const review = await service.api.getStudyReview({ studyId });
  process.stdout.write(json ? `${JSON.stringify(review, null, 2)}\n` : `${describe(review)}\n`);
  return 0;
}

const box = (b: { x1: number; y1: number; x2: number; y2: number }) => `[${[b.x1, b.y1, b.x2, b.y2].map((v) => Math.round(v)).join(',')}]`;

function describe(r: StudyReview): string {
  const lines = [`Review of study ${r.studyId}`];
  const latest = r.analyses.at(-1);
  lines.push(
    latest
      ? `  Analyses   ${r.analyses.length}; latest ${latest.createdAt} by ${latest.createdBy}: ${latest.result.model.id} (sha256 ${latest.result.model.sha256.slice(0, 12)}…), seed ${latest.result.seed}, ${latest.result.finishReason}`
      : '  Analyses   none',
  );
  if (latest) lines.push(`  Notice     ${latest.result.notice}`);
  if (r.firstRead) lines.push(`  First read ${r.firstRead.recordedAt} by ${r.firstRead.recordedBy}: ${r.firstRead.impression} [${r.firstRead.labels.join(', ')}]`);
  const gt = r.groundTruth;
  lines.push(gt ? `  Truth      ${gt.source}: ${gt.labels.join(', ') || '(no labels)'}; ${gt.boxes.length} box(es), ${gt.maskRefs.length} mask(s)` : '  Truth      none');
  lines.push('');
  const rows = r.findings.map((f) => [
    f.id,
    f.decision,
    f.label,
    f.original && f.original.label !== f.label ? f.original.label : '',
    f.boxes.map(box).join(' '),
    f.decidedBy ?? '',
    f.comment ?? '',
  ]);
  return lines.join('\n') + (rows.length ? table(['id', 'decision', 'label', 'AI label', 'boxes', 'by', 'comment'], rows) : 'No findings.');
}
