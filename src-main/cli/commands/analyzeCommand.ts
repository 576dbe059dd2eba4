import { RESEARCH_USE_NOTICE, type AnalysisResult } from '../../contract/schemas';
import type { WorkstationService } from '../../services/createWorkstationService';
import { resolveStudyId } from '../resolveStudyId';
import { UsageError } from '../usage';

export interface AnalyzeArgs {
  study: string | undefined;
  modelDir?: string;
  seed?: number;
  maxNewTokens?: number;
  question?: string;
  clinicalText?: string;
  json: boolean;
}

/**
 * `qoq analyze <study>`: runs the model on a stored study. Human mode streams the reasoning as it is
 * written, then lists the findings with their boxes in original pixels; --json prints one object.
 */
export async function analyzeCommand(service: WorkstationService, args: AnalyzeArgs): Promise<number> {
  if (!args.study) throw new UsageError('analyze needs a study (id, Study Instance UID or accession number)');
  const studyId = await resolveStudyId(service, args.study);
  if (studyId === undefined) {
    process.stderr.write(`qoq: no study matches "${args.study}"\n`);
    return 1;
  }
  const off = args.json ? () => undefined : service.events.on('analysisToken', (t) => process.stdout.write(t.text));
  if (!args.json) process.stdout.write(`${RESEARCH_USE_NOTICE}\n\n`);
  let result: AnalysisResult;
  try {
    result = await service.api.analyzeStudy({
      studyId,
      ...(args.modelDir ? { modelDir: args.modelDir } : {}),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args.maxNewTokens !== undefined ? { maxNewTokens: args.maxNewTokens } : {}),
      ...(args.question ? { question: args.question } : {}),
      ...(args.clinicalText ? { clinicalText: args.clinicalText } : {}),
    });
  } finally {
    off();
  }
  if (args.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const lines = ['', '', `Model ${result.model.id} (sha256 ${result.model.sha256.slice(0, 12)}…), seed ${result.seed}, ${result.finishReason}`];
  lines.push(`Answer: ${result.answer.length ? result.answer.join(', ') : '(none)'}`);
  for (const f of result.findings) {
    const boxes = f.boxes.map((b) => `[${[b.x1, b.y1, b.x2, b.y2].map((v) => v.toFixed(0)).join(', ')}] on ${b.ref}`);
    lines.push(`- ${f.label}${boxes.length ? `: ${boxes.join('; ')}` : ''}`);
  }
  lines.push(RESEARCH_USE_NOTICE);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
