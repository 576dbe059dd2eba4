import type { LoadedModel } from '../../ml/runtime/index.js';
import type { DetectorSpec } from './detectorRows.js';
import type { EcgLabelRecord } from './ecgLabelPretraining.js';
import { encoderStudyFrom } from './encoderStudy.js';
import { forEachLabRequest } from './labStudyRequests.js';
import { studyLesionMarks } from './lesionTokenMarks.js';
import { tokenClassesFromMarks, type LesionTokenStudy } from './lesionTokenPretraining.js';

export interface EncoderPretrainingData {
  /** Image studies with each token's lesion class (lab masks). */
  readonly images: LesionTokenStudy[];
  /** ECG records with their label's index in the ECG vocabulary. */
  readonly ecg: EcgLabelRecord[];
}

/**
 * A lab split as the encoders read it — imported through the normal importer, each study preprocessed
 * with the package's settings (the analysis path) — in one pass: image studies with their token classes
 * from the ground-truth masks, ECG records with their label.
 */
export async function collectPretrainingData(labDir: string, storeDir: string, model: LoadedModel, detectors: readonly DetectorSpec[], merge: number): Promise<EncoderPretrainingData> {
  const images: LesionTokenStudy[] = [];
  const ecg: EcgLabelRecord[] = [];
  await forEachLabRequest(labDir, storeDir, model.manifest.preprocessing, async (item) => {
    const study = encoderStudyFrom(model, item);
    if (study.ecg) {
      const labels = study.target.flatMap((p, i) => (p > 0 ? [i] : []));
      if (labels.length === 1) ecg.push({ ecg: study.ecg.data, label: labels[0]! });
      return;
    }
    if (study.images.length === 0) return;
    const marks = studyLesionMarks(labDir, item, study, merge);
    images.push({
      domain: study.domain,
      images: study.images.map((image, k) => ({
        pixelValues: image.pixelValues,
        patches: image.rows,
        gridThw: [...image.gridThw],
        tokenClasses: tokenClassesFromMarks(marks[k]!, study.domain, detectors),
      })),
    });
  });
  return { images, ecg };
}
