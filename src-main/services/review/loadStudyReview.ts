/**
 * The review of one study as the contract carries it (StudyReview): stored analyses, the current findings
 * with the reader's decisions, the first read, the ground truth and the label vocabulary. A plain function
 * over the store so every consumer builds it the same way: the `getStudyReview` operation, the CLI and the
 * exporters (PDF/SR/FHIR/JSON). Reading a review is not audited here; the caller audits the view or export.
 */
import type { StudyReview } from '../../contract/reviewSchemas';
import type { Store } from '../../store/Store';
import { ServiceError } from '../dispatch';
import { groundTruthOf } from './groundTruthOf';
import { labVocabulary, type Vocabulary } from './reviewVocabulary';

export interface LoadStudyReviewOptions {
  /** The vocabulary to offer (the active model's); the phantom lab's when absent. */
  vocabulary?: Vocabulary;
}

export function loadStudyReview(store: Store, studyId: number, opts: LoadStudyReviewOptions = {}): StudyReview {
  const detail = store.getStudy(studyId);
  if (!detail) throw new ServiceError(`no study with id ${studyId}`, 'not-found');
  const findings = store.review.currentFindings(studyId);
  return {
    studyId,
    vocabulary: opts.vocabulary ?? labVocabulary(),
    analyses: store.review.listAnalyses(studyId),
    findings,
    firstRead: store.review.getFirstRead(studyId),
    groundTruth: groundTruthOf(detail, findings),
  };
}
