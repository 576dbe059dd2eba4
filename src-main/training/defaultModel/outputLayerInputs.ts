import { buildEcgEncoder, ECG_ENCODER_IO, type EcgConfig } from '../../ml/models/ecg/index.js';
import { buildVisionEncoder, VISION_ENCODER_IO, type VisionConfig, type Weights } from '../../ml/models/vision/index.js';
import { createSession, type ModelSession } from '../../ml/ort/index.js';
import { float32Output, float32Tensor, int64Tensor } from '../../ml/runtime/hostTensors.js';
import { graphBytes } from '../../ml/train/graphBytes.js';
import { ECG_OUTPUT_LAYER, VISION_OUTPUT_LAYER } from './calibrateEncoderOutputs.js';
import { DetectorFit, type DetectorSpec } from './detectorRows.js';
import { DiscriminantFit } from './discriminantRows.js';
import type { EncoderStudy } from './encoderStudy.js';
import { lesionTokenMarks, type BinaryMask } from './lesionTokenMarks.js';
import { withLinearLayerInput } from './linearLayerInput.js';

const LAYER_INPUT = 'output_layer_input';

/**
 * What one DiscriminantFit entry is for an image study: each image with the study's label ('image', the
 * qoq-med-nano 1.x recipe), or all of the study's images together ('study': a CT slice without the lesion
 * is then not counted as a lesion-labelled slice of its own).
 */
export type ProbeEntries = 'image' | 'study';
/** Lesion pixels a token's area must hold to count as showing the lesion: the lab's smallest lesion slice. */
const MIN_LESION_PIXELS = 4;

/**
 * Runs each study through its encoder and hands every token's input to the final linear layer (image
 * tokens of all its images, or its one ECG vector) to that encoder's DiscriminantFit: what the
 * linear-probe rows are fitted on; image tokens also go, marked by the images' lesion masks, to the
 * vision DetectorFit when there is one (the lesion-detector rows).
 */
export class OutputLayerInputs {
  private constructor(
    private readonly sessions: { readonly vision: ModelSession; readonly ecg: ModelSession },
    readonly vision: DiscriminantFit,
    readonly ecg: DiscriminantFit,
    readonly detectors: DetectorFit | null,
    private readonly merge: number,
    private readonly probeEntries: ProbeEntries,
  ) {}

  /**
   * `labels`: label count per domain, for the domains read by images and those read as ECG;
   * `options.detectors`: the (domain, lesion label) pairs that get a token-level detector row (none: no
   * DetectorFit); `options.probeEntries`: see ProbeEntries.
   */
  static async open(
    config: { readonly vision: VisionConfig; readonly ecg: EcgConfig },
    weights: { readonly vision: Weights; readonly ecg: Weights },
    labels: { readonly vision: Readonly<Record<string, number>>; readonly ecg: Readonly<Record<string, number>> },
    options: { readonly detectors?: readonly DetectorSpec[]; readonly probeEntries?: ProbeEntries } = {},
  ): Promise<OutputLayerInputs> {
    const detectors = options.detectors ?? [];
    const open = (graph: Parameters<typeof graphBytes>[0]) => createSession(graphBytes(graph), { intraOpThreads: 2 });
    const vision = await open(withLinearLayerInput(buildVisionEncoder(config.vision, weights.vision), VISION_OUTPUT_LAYER.weight, LAYER_INPUT));
    const ecg = await open(withLinearLayerInput(buildEcgEncoder(config.ecg, weights.ecg), ECG_OUTPUT_LAYER.weight, LAYER_INPUT));
    const merged = config.vision.hiddenSize * config.vision.spatialMergeSize ** 2;
    const detectorFit = detectors.length > 0 ? new DetectorFit(merged, detectors) : null;
    return new OutputLayerInputs({ vision, ecg }, new DiscriminantFit(merged, labels.vision), new DiscriminantFit(config.ecg.dim, labels.ecg), detectorFit, config.vision.spatialMergeSize, options.probeEntries ?? 'image');
  }

  /** The final layer's input for each image of a study: (tokens, width) row-major per image. */
  async encodeImages(study: EncoderStudy): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (const image of study.images) {
      const result = await this.sessions.vision.run({
        [VISION_ENCODER_IO.pixelValues]: float32Tensor([image.rows, image.columns], image.pixelValues),
        [VISION_ENCODER_IO.gridThw]: int64Tensor([1, 3], image.gridThw),
      });
      out.push(float32Output(result, LAYER_INPUT).data as Float32Array);
    }
    return out;
  }

  /** `masks`: per image of the study, its lesion mask (null: no lesion in that image); needed by the detectors. */
  async add(study: EncoderStudy, masks: readonly (BinaryMask | null)[] = []): Promise<void> {
    if (study.ecg) {
      const out = await this.sessions.ecg.run({ [ECG_ENCODER_IO.ecg]: float32Tensor([1, ...study.ecg.shape], study.ecg.data) });
      this.ecg.add(float32Output(out, LAYER_INPUT).data, study.domain, study.target);
      return;
    }
    // A token is positive for the study's one label; a study with several labels marks none (which lesion is which?).
    const labels = study.target.flatMap((p, i) => (p > 0 ? [i] : []));
    const row = this.detectors && labels.length === 1 ? this.detectors.rowOf(study.domain, labels[0]!) : -1;
    const perImage = await this.encodeImages(study);
    perImage.forEach((tokens, k) => {
      const image = study.images[k]!;
      this.detectors?.add(tokens, lesionTokenMarks(row >= 0 ? (masks[k] ?? null) : null, image.gridThw, this.merge, row, MIN_LESION_PIXELS));
      if (this.probeEntries === 'image') this.vision.add(tokens, study.domain, study.target);
    });
    if (this.probeEntries === 'study' && perImage.length > 0) this.vision.add(concatenateTokens(perImage), study.domain, study.target);
  }

  async release(): Promise<void> {
    await this.sessions.vision.release();
    await this.sessions.ecg.release();
  }
}

/** Several images' (tokens, width) arrays as one. */
export function concatenateTokens(parts: readonly Float32Array[]): Float32Array {
  const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    all.set(p, offset);
    offset += p.length;
  }
  return all;
}
