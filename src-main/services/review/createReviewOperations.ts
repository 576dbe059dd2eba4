/**
 * The review operations of the contract (getStudyReview, reviewFinding, addFinding, recordFirstRead,
 * getGroundTruthMask) over the store. Inputs arrive validated by dispatch (shapes); here they are checked
 * against the study (vocabulary, box references) and the blinded-read rule, then written durably with
 * their audit entries.
 */
import type { WorkstationApi } from '../../contract/service';
import type { Store } from '../../store/Store';
import { ReviewStateError } from '../../store/reviewRepository';
import { ServiceError } from '../dispatch';
import { checkBoxes, checkLabel } from './checkReviewInput';
import { loadStudyReview } from './loadStudyReview';
import { readGroundTruthMask } from './readGroundTruthMask';
import type { Vocabulary } from './reviewVocabulary';

export interface ReviewDeps {
  store: Store;
  actor: string;
  /** The active model's vocabulary (or the lab's). */
  vocabulary: () => Promise<Vocabulary>;
  /** Whether an analysis of the study is running now: its text is already streaming to the reader. */
  isAnalysing: (studyId: number) => boolean;
}

type ReviewApi = Pick<WorkstationApi, 'getStudyReview' | 'reviewFinding' | 'addFinding' | 'recordFirstRead' | 'getGroundTruthMask'>;

export function createReviewOperations(deps: ReviewDeps): ReviewApi {
  const { store, actor } = deps;
  const studyOf = (studyId: number) => {
    const detail = store.getStudy(studyId);
    if (!detail) throw new ServiceError(`no study with id ${studyId}`, 'not-found');
    return detail;
  };

  return {
    async getStudyReview({ studyId }) {
      return loadStudyReview(store, studyId, { vocabulary: await deps.vocabulary() });
    },

    async getGroundTruthMask({ studyId, ref }) {
      return readGroundTruthMask(studyOf(studyId), ref);
    },

    async reviewFinding({ findingId, decision, label, boxes, comment }) {
      const finding = store.review.getFinding(findingId);
      if (!finding) throw new ServiceError(`no finding with id ${findingId}`, 'not-found');
      const detail = studyOf(finding.studyId);
      const vocabulary = await deps.vocabulary();
      return translate(() =>
        store.review.decideFinding(
          findingId,
          {
            decision,
            ...(label !== undefined ? { label: checkLabel(vocabulary, detail, label) } : {}),
            ...(boxes !== undefined ? { boxes: checkBoxes(detail, boxes) } : {}),
            ...(comment !== undefined ? { comment } : {}),
          },
          actor,
        ),
      );
    },

    async addFinding({ studyId, label, boxes, comment }) {
      const detail = studyOf(studyId);
      const vocabulary = await deps.vocabulary();
      const finding = { label: checkLabel(vocabulary, detail, label), boxes: checkBoxes(detail, boxes), ...(comment ? { comment } : {}) };
      return translate(() => store.review.addFinding(studyId, finding, actor));
    },

    async recordFirstRead({ studyId, impression, labels }) {
      const detail = studyOf(studyId);
      const vocabulary = await deps.vocabulary();
      // Blinded means before: once the model has produced text for this study (stored, or streaming now),
      // an impression can no longer be shown to be independent of it. Checked after the last await, so
      // no analysis can start between the check and the write.
      if (store.review.hasAnalysis(studyId) || deps.isAnalysing(studyId)) {
        throw new ServiceError('the first read must be recorded before AI output of this study is shown; it has been shown already');
      }
      const checked = [...new Set(labels.map((l) => checkLabel(vocabulary, detail, l)))];
      return translate(() => store.review.recordFirstRead(studyId, { impression, labels: checked }, actor));
    },
  };
}

function translate<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ReviewStateError) throw new ServiceError(err.message, err.code === 'not-found' ? 'not-found' : 'bad-request');
    throw err;
  }
}
