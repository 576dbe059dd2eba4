import { buildEcgEncoder, ECG_ENCODER_IO, type EcgConfig } from '../../ml/models/ecg/index.js';
import { buildVisionEncoder, VISION_ENCODER_IO, type VisionConfig, type Weights } from '../../ml/models/vision/index.js';
import { createSession, type ModelSession } from '../../ml/ort/index.js';
import { float32Output, float32Tensor, int64Tensor } from '../../ml/runtime/hostTensors.js';
import { graphBytes } from '../../ml/train/graphBytes.js';
import { ECG_OUTPUT_LAYER, VISION_OUTPUT_LAYER } from './calibrateEncoderOutputs.js';
import { DiscriminantFit } from './discriminantRows.js';
import type { EncoderStudy } from './encoderStudy.js';
import { withLinearLayerInput } from './linearLayerInput.js';

const LAYER_INPUT = 'output_layer_input';

/**
 * Runs each study through its encoder and hands every token's input to the final linear layer (image
 * tokens of all its images, or its one ECG vector) to that encoder's DiscriminantFit: what the
 * linear-probe rows are fitted on.
 */
export class OutputLayerInputs {
  private constructor(
    private readonly sessions: { readonly vision: ModelSession; readonly ecg: ModelSession },
    readonly vision: DiscriminantFit,
    readonly ecg: DiscriminantFit,
  ) {}

  /** `labels`: label count per domain, for the domains read by images and those read as ECG. */
  static async open(
    config: { readonly vision: VisionConfig; readonly ecg: EcgConfig },
    weights: { readonly vision: Weights; readonly ecg: Weights },
    labels: { readonly vision: Readonly<Record<string, number>>; readonly ecg: Readonly<Record<string, number>> },
  ): Promise<OutputLayerInputs> {
    const open = (graph: Parameters<typeof graphBytes>[0]) => createSession(graphBytes(graph), { intraOpThreads: 2 });
    const vision = await open(withLinearLayerInput(buildVisionEncoder(config.vision, weights.vision), VISION_OUTPUT_LAYER.weight, LAYER_INPUT));
    const ecg = await open(withLinearLayerInput(buildEcgEncoder(config.ecg, weights.ecg), ECG_OUTPUT_LAYER.weight, LAYER_INPUT));
    const merged = config.vision.hiddenSize * config.vision.spatialMergeSize ** 2;
    return new OutputLayerInputs({ vision, ecg }, new DiscriminantFit(merged, labels.vision), new DiscriminantFit(config.ecg.dim, labels.ecg));
  }

  /** Adds a study to its encoder's fit; returns its images' final-layer inputs (none for an ECG). */
  async add(study: EncoderStudy): Promise<Float32Array[]> {
    if (study.ecg) {
      const out = await this.sessions.ecg.run({ [ECG_ENCODER_IO.ecg]: float32Tensor([1, ...study.ecg.shape], study.ecg.data) });
      this.ecg.add(float32Output(out, LAYER_INPUT).data, study.domain, study.target);
      return [];
    }
    const images = await this.encodeImages(study);
    for (const tokens of images) this.vision.add(tokens, study.domain, study.target); // (tokens, width) per image
    return images;
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

  async release(): Promise<void> {
    await this.sessions.vision.release();
    await this.sessions.ecg.release();
  }
}

