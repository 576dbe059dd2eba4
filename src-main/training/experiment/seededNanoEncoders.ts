import { initEcgWeights } from '../../ml/models/ecg/index.js';
import { initVisionWeights, type Weights } from '../../ml/models/vision/index.js';
import { QOQ_SPECIAL_TOKENS, tokenizerFromJson, trainByteLevelBpe } from '../../ml/tokenizer/index.js';
import { LAB_LABEL_COUNTS } from '../defaultModel/encoderStudy.js';
import { nanoArchitecture, type NanoArchitecture } from '../defaultModel/nanoArchitecture.js';
import { nanoSeeds } from '../defaultModel/nanoRecipe.js';

export interface SeededNanoEncoders {
  /** A throw-away tokenizer: encoder experiments never decode, but a package needs one. */
  readonly tokenizerJson: ReturnType<typeof trainByteLevelBpe>;
  readonly tokenizer: ReturnType<typeof tokenizerFromJson>;
  readonly arch: NanoArchitecture;
  readonly seeds: ReturnType<typeof nanoSeeds>;
  /** qoq-med-nano's vision and ECG encoders at the seeds `npm run model:build` starts from. */
  readonly vision: Weights;
  readonly ecg: Weights;
  /** Width of the vision encoder's final-layer input (hidden × merge²): what the read-outs are fitted on. */
  readonly width: number;
  /** Label count per image domain (the lab's vocabularies without ECG). */
  readonly visionLabels: Readonly<Record<string, number>>;
}

/**
 * What the encoder experiments (`experiment:probes`, `experiment:pretraining-size`) start from: the default
 * model's architecture and seeded encoders, so their numbers speak for the encoders the build pre-trains.
 */
export function seededNanoEncoders(): SeededNanoEncoders {
  const tokenizerJson = trainByteLevelBpe(['probe'], { vocabSize: 300, minFrequency: 1, specialTokens: QOQ_SPECIAL_TOKENS });
  const tokenizer = tokenizerFromJson(tokenizerJson);
  const arch = nanoArchitecture(tokenizer.vocabSize);
  const seeds = nanoSeeds();
  const { ecg: _ecg, ...visionLabels } = LAB_LABEL_COUNTS;
  return {
    tokenizerJson,
    tokenizer,
    arch,
    seeds,
    vision: initVisionWeights(arch.vision, seeds.vision),
    ecg: initEcgWeights(arch.ecg, seeds.ecg),
    width: arch.vision.hiddenSize * arch.vision.spatialMergeSize ** 2,
    visionLabels,
  };
}
