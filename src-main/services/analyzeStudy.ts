/**
 * `analyzeStudy`: run the model on a stored study. Inputs are chosen from store metadata here; decoding
 * the files and running the model happen in the inference process. Every run is audited with the model's
 * hash, the inputs and the seed, and every result carries the research-use notice. Every run that returns
 * (completed or cancelled) is stored with its findings as pending review items (reviewRepository); a
 * run that fails returns nothing to store.
 */
import { randomUUID } from 'node:crypto';
import { RESEARCH_USE_NOTICE, type AnalysisResult } from '../contract/schemas';
import type { OperationInput } from '../contract/service';
import type { InferenceProcess } from '../inference/InferenceProcess';
import { interpretOutput } from '../inference/interpretOutput';
import { selectModelInputs } from '../inference/selectModelInputs';
import { verifyModelPackage } from '../ml/package/verifyModelPackage';
import type { ModelPackageStatus } from '../contract/schemas';
import type { Store } from '../store/Store';
import type { ActiveStudies } from './activeStudies';
import { ServiceError } from './dispatch';

export const DEFAULT_QUESTION = 'What are the findings in this study? Give the most likely diagnosis.';

export interface AnalyzeDeps {
  store: Store;
  inference: InferenceProcess;
  actor: string;
  listModels: () => Promise<ModelPackageStatus[]>;
  onToken: (jobId: string, text: string) => void;
  /** Marks the study while its model text streams (the blinded first read is refused meanwhile). */
  active?: ActiveStudies;
}

export async function analyzeStudy(deps: AnalyzeDeps, input: OperationInput<'analyzeStudy'>): Promise<AnalysisResult> {
  const study = deps.store.getStudy(input.studyId);
  if (!study) throw new ServiceError(`no study with id ${input.studyId}`, 'not-found');
  const packageDir = input.modelDir ?? (await defaultModel(deps));
  let manifest;
  try {
    manifest = await verifyModelPackage(packageDir);
  } catch (err) {
    throw new ServiceError(`model refused: ${(err as Error).message}`);
  }
  const inputs = selectModelInputs(study, {
    maxImages: manifest.preprocessing.maxImages,
    slices: manifest.preprocessing.volumeSlices,
    ...(input.seriesIds ? { seriesIds: input.seriesIds } : {}),
  });
  if (inputs.length === 0) throw new ServiceError('the study has no image or ECG the model can read');

  const jobId = input.jobId ?? randomUUID();
  const seed = input.seed ?? 0;
  let output;
  deps.active?.begin(study.study.id);
  try {
    output = await deps.inference.analyze(
      {
        jobId,
        packageDir,
        inputs,
        question: input.question ?? DEFAULT_QUESTION,
        ...(input.clinicalText ? { clinicalText: input.clinicalText } : {}),
        seed,
        ...(input.maxNewTokens !== undefined ? { maxNewTokens: input.maxNewTokens } : {}),
        ctWindow: manifest.preprocessing.ctWindow,
      },
      (text) => deps.onToken(jobId, text),
    );
  } catch (err) {
    throw new ServiceError(`analysis failed: ${(err as Error).message}`, 'internal');
  } finally {
    deps.active?.end(study.study.id);
  }
  const result: AnalysisResult = {
    jobId,
    studyId: study.study.id,
    ...interpretOutput(output.raw, output.images),
    raw: output.raw,
    model: { id: `${output.model.name}@${output.model.version}`, ...output.model },
    inputs: inputs.map((i) => ({ ref: i.ref, kind: i.kind })),
    finishReason: output.finishReason,
    seed,
    timings: output.timings,
    notice: RESEARCH_USE_NOTICE,
  };
  deps.store.audit.append({
    actor: deps.actor,
    action: 'model.run',
    objectType: 'study',
    objectId: study.study.studyInstanceUid,
    details: { jobId, model: result.model, seed, inputs: result.inputs, finishReason: result.finishReason, answer: result.answer },
  });
  // After the run's audit entry, so the log reads run → stored; the store audits 'analysis.stored'.
  deps.store.review.storeAnalysis(result, deps.actor);
  return result;
}

async function defaultModel(deps: AnalyzeDeps): Promise<string> {
  const models = await deps.listModels();
  const usable = models.find((m) => m.verified);
  if (!usable) {
    const refused = models.filter((m) => !m.verified).map((m) => m.problem).join('; ');
    throw new ServiceError(`no verified model package is installed${refused ? ` (refused: ${refused})` : ''}`);
  }
  return usable.dir;
}
