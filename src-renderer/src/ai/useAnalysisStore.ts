// One analysis job at a time for the open study: its id, the streamed reasoning, the result or error.
// A setup store so the panel can be remounted (study switches) without losing a job still running.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AnalysisResult, ModelPackageStatus } from '../../../src-main/contract/schemas';
import { workstationClient } from '../workstationClient';
import { errorMessage } from './analysisErrors';
import { splitModels } from './modelChoices';

export type AnalysisStatus = 'idle' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'error';

export interface RunOptions {
  studyId: number;
  clinicalText: string;
  seed: number;
  maxNewTokens: number;
}

export const useAnalysisStore = defineStore('analysis', () => {
  const models = ref<ModelPackageStatus[]>([]);
  const modelsLoaded = ref(false);
  const modelsError = ref<string | null>(null);
  const selectedModelDir = ref<string | null>(null);

  const status = ref<AnalysisStatus>('idle');
  const jobId = ref<string | null>(null);
  const studyId = ref<number | null>(null);
  /** Model text as it streams in; replaced by the result's own trace once the job returns. */
  const streamed = ref('');
  const result = ref<AnalysisResult | null>(null);
  const error = ref<string | null>(null);

  /**
   * Reads the status afresh. TypeScript keeps a narrowing of `status.value` across an await, but the
   * status may change while a call is pending (cancel, reset), so checks after an await go through here.
   */
  const statusNow = (): AnalysisStatus => status.value;

  const choices = computed(() => splitModels(models.value));
  const busy = computed(() => status.value === 'running' || status.value === 'cancelling');

  let stopListening: (() => void) | null = null;
  /**
   * Subscribed before any job starts, not per run: the browser host's event stream opens on first
   * subscription, and tokens written before it is connected would be lost.
   */
  function listen(): void {
    stopListening ??= workstationClient.on('analysisToken', ({ jobId: id, text }) => {
      // Events of other jobs (another window, a cancelled earlier run) share the stream: keep ours only.
      if (id === jobId.value && busy.value) streamed.value += text;
    });
  }
  function stopListeningIfIdle(): void {
    if (busy.value || !stopListening) return;
    stopListening();
    stopListening = null;
  }

  async function loadModels(): Promise<void> {
    try {
      models.value = (await workstationClient.listModels({})).models;
      modelsError.value = null;
    } catch (err) {
      modelsError.value = errorMessage(err);
      models.value = [];
    }
    modelsLoaded.value = true;
    const usable = choices.value.usable;
    if (!usable.some((m) => m.dir === selectedModelDir.value)) selectedModelDir.value = usable[0]?.dir ?? null;
  }

  async function run(options: RunOptions): Promise<void> {
    if (busy.value) return;
    listen();
    const id = crypto.randomUUID();
    jobId.value = id;
    studyId.value = options.studyId;
    streamed.value = '';
    result.value = null;
    error.value = null;
    status.value = 'running';
    const clinicalText = options.clinicalText.trim();
    try {
      const answer = await workstationClient.analyzeStudy({
        studyId: options.studyId,
        jobId: id,
        ...(selectedModelDir.value ? { modelDir: selectedModelDir.value } : {}),
        ...(clinicalText ? { clinicalText } : {}),
        seed: options.seed,
        maxNewTokens: options.maxNewTokens,
      });
      if (jobId.value !== id) return; // superseded by a reset while it ran
      result.value = answer;
      status.value = answer.finishReason === 'cancelled' ? 'cancelled' : 'done';
    } catch (err) {
      if (jobId.value !== id) return;
      // A cancel can also end the job by stopping the inference process, which arrives as a failure.
      const wasCancelling = statusNow() === 'cancelling';
      status.value = wasCancelling ? 'cancelled' : 'error';
      if (!wasCancelling) error.value = errorMessage(err);
    }
  }

  async function cancel(): Promise<void> {
    const id = jobId.value;
    if (status.value !== 'running' || !id) return;
    status.value = 'cancelling';
    try {
      // `cancelled: false` means the job had already ended; its result is on its way and settles the state.
      await workstationClient.cancelAnalysis({ jobId: id });
    } catch (err) {
      if (jobId.value === id && statusNow() === 'cancelling') {
        status.value = 'running';
        error.value = `cancel failed: ${errorMessage(err)}`;
      }
    }
  }

  /** Another study was opened: stop what runs for the old one and forget its output. */
  function resetFor(newStudyId: number | null): void {
    if (studyId.value === newStudyId) return;
    if (status.value === 'running') void cancel();
    jobId.value = null;
    studyId.value = newStudyId;
    streamed.value = '';
    result.value = null;
    error.value = null;
    status.value = 'idle';
  }

  return {
    models,
    modelsLoaded,
    modelsError,
    selectedModelDir,
    choices,
    status,
    jobId,
    studyId,
    streamed,
    result,
    error,
    busy,
    listen,
    stopListeningIfIdle,
    loadModels,
    run,
    cancel,
    resetFor,
  };
});
