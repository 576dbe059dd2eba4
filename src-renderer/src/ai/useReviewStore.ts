// The review of the open study (StudyReview from the back end) and what the reader is pointing at:
// the hovered finding (shared by the findings list, the trace and the image overlay) and the image shown
// in the viewer (where "Add finding" puts its first box). Every decision is saved at once; the store then
// holds the saved finding the back end returned, so what is shown is what is stored.
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type { FindingDecision, ReviewBox, ReviewedFinding, StudyReview } from '../../../src-main/contract/reviewSchemas';
import type { StudySummary } from '../../../src-main/contract/schemas';
import { workstationClient } from '../workstationClient';
import { errorMessage } from './analysisErrors';
import { decodeMask } from './decodeMask';
import { studyLabelF1, type TruthMasks } from './reviewMetrics';

type Domain = StudySummary['domains'][number];

export type ReviewDecision = Exclude<FindingDecision, 'added'>;

export const useReviewStore = defineStore('review', () => {
  const studyId = ref<number | null>(null);
  const review = ref<StudyReview | null>(null);
  const error = ref<string | null>(null);
  /** Findings with a save in flight (their buttons are disabled meanwhile). */
  const saving = ref<Set<number>>(new Set());
  const hoveredFindingId = ref<number | null>(null);
  /** The image the viewer shows now (`<SOP UID>#<frame>` / `image:<id>`), or null (ECG, volume layouts). */
  const visibleImage = ref<{ ref: string; width: number; height: number } | null>(null);

  /** Decoded ground-truth masks of the open study by image ref (raw: large typed arrays). */
  const masks = shallowRef<TruthMasks>(new Map());
  let masksOf: number | null = null;

  const findings = computed(() => review.value?.findings ?? []);
  const latestAnalysis = computed(() => review.value?.analyses.at(-1) ?? null);
  /** The analysis whose findings are shown: the latest one that was not cancelled. */
  const reviewedAnalysis = computed(() => review.value?.analyses.filter((a) => a.result.finishReason !== 'cancelled').at(-1) ?? null);
  const groundTruth = computed(() => review.value?.groundTruth ?? null);
  const labelF1 = computed(() => studyLabelF1(reviewedAnalysis.value?.result.answer ?? null, groundTruth.value));

  /** Labels the reader may pick for this study: the vocabularies of its domains, joined. */
  function labelsFor(domains: readonly Domain[]): string[] {
    const vocabulary = review.value?.vocabulary;
    if (!vocabulary) return [];
    const list = domains.length > 0 ? domains : (['other'] as const);
    return [...new Set(list.flatMap((d) => vocabulary[d]))];
  }

  async function load(id: number): Promise<void> {
    if (studyId.value !== id) {
      review.value = null;
      hoveredFindingId.value = null;
    }
    studyId.value = id;
    try {
      const loaded = await workstationClient.getStudyReview({ studyId: id });
      if (studyId.value === id) {
        review.value = loaded;
        error.value = null;
        void loadMasks(id, loaded.groundTruth?.maskRefs ?? []);
      }
    } catch (err) {
      if (studyId.value === id) error.value = errorMessage(err);
    }
  }

  /**
   * Masks are fetched once per study: IoU against a mask is what the reward computes, and a box-only
   * IoU is shown until (or if never) the mask arrives. A mask that cannot be read is left out.
   */
  async function loadMasks(id: number, refs: readonly string[]): Promise<void> {
    if (masksOf === id) return;
    masksOf = id;
    masks.value = new Map();
    const loaded = new Map<string, NonNullable<ReturnType<TruthMasks['get']>>>();
    for (const ref of refs) {
      try {
        const file = await workstationClient.getGroundTruthMask({ studyId: id, ref });
        loaded.set(ref, markRaw(await decodeMask(file.base64, file.mediaType)));
      } catch {
        // Box IoU stays; the mask's absence is visible in the CLI/exports' maskRefs.
      }
    }
    if (studyId.value === id) masks.value = loaded;
  }

  function replace(saved: ReviewedFinding): void {
    const r = review.value;
    if (!r || r.studyId !== saved.studyId) return;
    const at = r.findings.findIndex((f) => f.id === saved.id);
    const next = [...r.findings];
    if (at >= 0) next[at] = saved;
    else next.push(saved);
    review.value = { ...r, findings: next };
  }

  async function save(findingId: number | null, action: () => Promise<ReviewedFinding>): Promise<boolean> {
    if (findingId !== null) saving.value = new Set([...saving.value, findingId]);
    try {
      replace(await action());
      error.value = null;
      // Ground truth may be built from reviewed findings: reload it with the new state.
      if (studyId.value !== null) await load(studyId.value);
      return true;
    } catch (err) {
      error.value = errorMessage(err);
      return false;
    } finally {
      if (findingId !== null) saving.value = new Set([...saving.value].filter((id) => id !== findingId));
    }
  }

  const decide = (findingId: number, decision: ReviewDecision, change: { label?: string; boxes?: ReviewBox[]; comment?: string } = {}) =>
    save(findingId, () => workstationClient.reviewFinding({ findingId, decision, ...change }));

  const add = (label: string, boxes: ReviewBox[]) =>
    studyId.value === null ? Promise.resolve(false) : save(null, () => workstationClient.addFinding({ studyId: studyId.value!, label, boxes }));

  async function recordFirstRead(impression: string, labels: string[]): Promise<boolean> {
    if (studyId.value === null) return false;
    try {
      await workstationClient.recordFirstRead({ studyId: studyId.value, impression, labels });
      await load(studyId.value);
      return true;
    } catch (err) {
      error.value = errorMessage(err);
      return false;
    }
  }

  return {
    studyId,
    review,
    masks,
    error,
    saving,
    hoveredFindingId,
    visibleImage,
    findings,
    latestAnalysis,
    reviewedAnalysis,
    groundTruth,
    labelF1,
    labelsFor,
    load,
    decide,
    add,
    recordFirstRead,
  };
});
