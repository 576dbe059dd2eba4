// The service reports failures as plain messages; these prefixes are the ones src-main/services/analyzeStudy
// uses. Naming the kind lets the panel give each a headline a reader understands at a glance.

export type AnalysisErrorKind = 'no-model' | 'model-refused' | 'analysis-failed' | 'other';

export interface AnalysisErrorView {
  kind: AnalysisErrorKind;
  title: string;
  detail: string;
}

export function describeAnalysisError(message: string): AnalysisErrorView {
  if (/no verified model package/i.test(message)) {
    return { kind: 'no-model', title: 'No model installed', detail: message };
  }
  if (/^model refused/i.test(message)) {
    return { kind: 'model-refused', title: 'Model refused', detail: message };
  }
  if (/^analysis failed/i.test(message)) {
    return { kind: 'analysis-failed', title: 'Analysis failed', detail: message };
  }
  return { kind: 'other', title: 'Analysis could not run', detail: message };
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
