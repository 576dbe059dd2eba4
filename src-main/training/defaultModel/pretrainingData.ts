import { selectSlices } from '../../ml/preprocess/selectSlices.js';
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

export interface PretrainingDataOptions {
  /**
   * At most this many images of a study whose tokens show no lesion are kept (evenly spaced among them,
   * ends included, as selectSlices picks slices); every lesion-showing image is kept. Volumes are read as
   * a dozen slices of which most show nothing, and each 224² slice holds a megabyte of float pixel
   * values: a 300-study CT split would hold 4 GB of them. Default: all.
   */
  readonly quietImagesPerStudy?: number;
}

/**
 * A lab split as the encoders read it — imported through the normal importer, each study preprocessed
 * with the package's settings (the analysis path) — in one pass: image studies with their token classes
 * from the ground-truth masks, ECG records with their label.
 */
export async function collectPretrainingData(
  labDir: string,
  storeDir: string,
  model: LoadedModel,
  detectors: readonly DetectorSpec[],
  merge: number,
  options: PretrainingDataOptions = {},
): Promise<EncoderPretrainingData> {
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
    const all = study.images.map((image, k) => ({
      pixelValues: image.pixelValues,
      patches: image.rows,
      gridThw: [...image.gridThw],
      tokenClasses: tokenClassesFromMarks(marks[k]!, study.domain, detectors),
    }));
    const shows = all.map((image) => image.tokenClasses.some((c) => c > 0));
    const quiet = all.flatMap((_, k) => (shows[k] ? [] : [k]));
    const keep = options.quietImagesPerStudy ?? quiet.length;
    const keptQuiet = new Set(quiet.length === 0 || keep === 0 ? [] : selectSlices(quiet.length, { strategy: 'evenly-spaced', count: keep }).map((i) => quiet[i]));
    images.push({ domain: study.domain, images: all.filter((_, k) => shows[k] || keptQuiet.has(k)) });
  });
  return { images, ecg };
}
