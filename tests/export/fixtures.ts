/**
 * Export fixtures from REAL data: studies imported from ../shared/data into a temporary store, read back
 * with getStudy, and a hand-made review (findings with boxes on those images, decisions, a trace) in
 * the contract's StudyReport shape — what loadStudyReview returns once analyses are stored.
 */
import { DomainSchema, RESEARCH_USE_NOTICE, type StudyDetail } from '../../src-main/contract/schemas';
import type { ReviewedFinding, StudyReport, StudyReview } from '../../src-main/contract/reviewSchemas';

export const MODEL = { id: 'qoq-med-nano@0.1.0', name: 'qoq-med-nano', version: '0.1.0', sha256: 'a3f1c2e4b5d6978812345678900abcdefa3f1c2e4b5d6978812345678900abcd' };

/** The first image reference of a study: `<SOP UID>#0` for DICOM, `image:<id>` for a photo. */
export function firstImageRef(detail: StudyDetail): { ref: string; width: number; height: number } {
  for (const s of detail.series) {
    const inst = s.instances.find((i) => i.objectType === 'image' && i.rows && i.columns);
    if (inst) return { ref: `${inst.sopInstanceUid}#0`, width: inst.columns!, height: inst.rows! };
    const img = s.images[0];
    if (img) return { ref: `image:${img.id}`, width: img.width, height: img.height };
  }
  throw new Error('study has no image');
}

export function makeReport(detail: StudyDetail, opts: { freeText?: string } = {}): StudyReport {
  const { ref, width, height } = firstImageRef(detail);
  const studyId = detail.study.id;
  const extra = opts.freeText ? ` ${opts.freeText}` : '';
  const box = (fx1: number, fy1: number, fx2: number, fy2: number) => ({ x1: Math.round(width * fx1), y1: Math.round(height * fy1), x2: Math.round(width * fx2), y2: Math.round(height * fy2), ref });
  const finding = (id: number, over: Partial<ReviewedFinding>): ReviewedFinding => ({
    id,
    studyId,
    analysisId: 1,
    label: 'nodule',
    boxes: [],
    original: null,
    sentences: [],
    decision: 'pending',
    decidedBy: 'dr.reader',
    decidedAt: '2026-11-25T18:00:00.000Z',
    comment: null,
    ...over,
  });
  const findings: ReviewedFinding[] = [
    finding(1, { label: 'pulmonary nodule', boxes: [box(0.2, 0.2, 0.45, 0.5)], original: { label: 'pulmonary nodule', boxes: [box(0.2, 0.2, 0.45, 0.5)], inAnswer: true }, sentences: [`A round opacity suggests a pulmonary nodule.${extra}`], decision: 'accepted', comment: `Agree.${extra}` }),
    finding(2, { label: 'pleural effusion', boxes: [box(0.55, 0.6, 0.9, 0.9)], original: { label: 'atelectasis', boxes: [box(0.5, 0.6, 0.9, 0.95)], inAnswer: true }, sentences: ['Blunted angle, atelectasis or effusion.'], decision: 'edited' }),
    finding(3, { label: 'cardiomegaly', boxes: [box(0.3, 0.3, 0.7, 0.7)], original: { label: 'cardiomegaly', boxes: [box(0.3, 0.3, 0.7, 0.7)], inAnswer: false }, decision: 'rejected', comment: 'Normal heart size.' }),
    finding(4, { analysisId: null, label: 'rib fracture', boxes: [box(0.05, 0.05, 0.15, 0.2)], decision: 'added', comment: 'Missed by the model.' }),
  ];
  const trace = `The image shows a round opacity; a pulmonary nodule is likely. Blunted angle, atelectasis or effusion.${extra}`;
  return {
    detail,
    generatedAt: '2026-11-25T18:30:00.000Z',
    generatedBy: 'dr.reader',
    notice: RESEARCH_USE_NOTICE,
    review: {
      studyId,
      vocabulary: Object.fromEntries(DomainSchema.options.map((d) => [d, ['pulmonary nodule', 'pleural effusion', 'cardiomegaly', 'atelectasis', 'rib fracture']])) as StudyReview['vocabulary'],
      analyses: [
        {
          id: 1,
          createdAt: '2026-11-25T17:59:00.000Z',
          createdBy: 'dr.reader',
          result: {
            jobId: '00000000-0000-4000-8000-000000000001',
            studyId,
            trace,
            answer: ['pulmonary nodule', 'atelectasis'],
            findings: findings.filter((f) => f.original).map((f) => ({ label: f.original!.label, inAnswer: f.original!.inAnswer, boxes: f.original!.boxes, sentences: f.sentences })),
            raw: `<think>${trace}</think> \\boxed{pulmonary nodule, atelectasis}`,
            model: MODEL,
            inputs: [{ ref, kind: ref.startsWith('image:') ? 'photo' : 'dicom' }],
            finishReason: 'eos',
            seed: 0,
            timings: { ttftMs: 10, tokensPerS: 50, totalMs: 500 },
            notice: RESEARCH_USE_NOTICE,
          },
        },
      ],
      findings,
      firstRead: { impression: `Possible nodule right upper lobe.${extra}`, labels: ['pulmonary nodule'], recordedBy: 'dr.reader', recordedAt: '2026-11-25T17:58:00.000Z' },
      groundTruth: null,
    },
  };
}
