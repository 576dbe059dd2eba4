/**
 * Supervised pre-training of the vision encoder on the lab's lesion masks: every image token is taught
 * which lesion (if any) its area shows — the dense supervision a detection or segmentation head gets —
 * before the encoder's final layer is fitted and the decoder trained on top of it. It plays the role a
 * pretrained vision tower (CLIP/SigLIP for Qwen2.5-VL) plays for the real QoQ-Med.
 *
 * Why: with the encoder frozen at its seeded random init the decoder read fundus and CT at chance (1.3.0:
 * F1 0.40 and 0.35 against 0.33): `npm run experiment:probes` showed that no linear read-out of the
 * random features finds a small haemorrhage or nodule. Why dense rather than study-level labels: a small
 * lesion covers 1–5 of a study's 64–300 tokens, so a loss on the study mean barely sees it (an earlier
 * study-mean pre-training was unstable and is not kept). Per token, it is the whole target.
 *
 * The step graph, one per patch count (the backward pass needs static shapes): the encoder (its weights
 * as trained inputs) → a linear head on each LLM token (classes: 0 = no lesion, 1 + k = detector k) →
 * log-softmax → cross-entropy weighted `lesionWeight` on lesion tokens and 1 elsewhere, summed and
 * divided by the token count → backward → global-norm clip → AdamW (the project's trainingStepGraph).
 * One image per step: the encoder reads one image per call (its attention masks come from grid_thw's
 * first row), and at this size a step takes a few milliseconds. The head is dropped afterwards.
 */
import { assertValidGraph, div, GraphBuilder, linearOutIn, mul, reduceSum, scalar, unsqueeze, type Graph } from '../../ml/graph/index.js';
import { tokenLogProbs } from '../../ml/losses/index.js';
import { importGraph } from '../../ml/autodiff/index.js';
import { buildVisionEncoder, VISION_ENCODER_IO, type VisionConfig, type Weights } from '../../ml/models/vision/index.js';
import { trainingStepGraph, TRAINING_STEP } from '../../ml/optim/index.js';
import { Mulberry32 } from '../../ml/random/Mulberry32.js';
import { float32Tensor, int64Tensor } from '../../ml/runtime/hostTensors.js';
import { graphBytes } from '../../ml/train/graphBytes.js';
import { QOQ_MED_ADAMW, QOQ_MED_GRAD_CLIP } from '../../ml/train/OptimizerSettings.js';
import { SessionCache } from '../../ml/train/SessionCache.js';
import type { DetectorSpec } from './detectorRows.js';
import { StepGraphParams } from './stepGraphParams.js';

/** Graph names of the lesion step graph besides the encoder's own and the optimiser's. */
export const LESION_STEP_IO = {
  head: 'lesion_head.weight', // (classes, outHiddenSize)
  tokenClasses: 'token_classes', // (tokens,) int64: 0 = no lesion, 1 + k = detector k
  tokenWeights: 'token_weights', // (tokens,) float
  loss: 'loss',
} as const;

/** One image as the encoder reads it, with each of its LLM tokens' class. */
export interface LesionTokenImage {
  /** (patches, 1176) row-major, in patch order (see patchify). */
  readonly pixelValues: Float32Array;
  readonly patches: number;
  readonly gridThw: readonly number[];
  /** Per LLM token (patches / merge²): 0 = no lesion, 1 + k = detector k. */
  readonly tokenClasses: Int32Array;
}

export interface LesionTokenStudy {
  readonly domain: string;
  readonly images: readonly LesionTokenImage[];
}

/** Token classes of one image from its lesion marks (lab label index per token or −1; see lesionTokenMarks). */
export function tokenClassesFromMarks(marks: Int32Array, domain: string, detectors: readonly DetectorSpec[]): Int32Array {
  return Int32Array.from(marks, (label) => {
    if (label < 0) return 0;
    const k = detectors.findIndex((d) => d.domain === domain && d.label === label);
    if (k < 0) throw new Error(`lesion pre-training: no detector for ${domain} label ${label}`);
    return 1 + k;
  });
}

/**
 * Forward + loss for images of `patches` patches: the encoder graph with a token head and the weighted
 * cross-entropy appended. Encoder weights and the head are initializers (trainingStepGraph turns them
 * into trained inputs); the loss is Σ_t w_t·(−log p_t[class_t]) / T.
 */
export function lesionLossGraph(config: VisionConfig, weights: Weights, patches: number, classes: number, head: Float32Array): Graph {
  const merged = config.spatialMergeSize ** 2;
  if (patches % merged !== 0) throw new Error(`lesionLossGraph: ${patches} patches do not form whole ${merged}-patch tokens`);
  const tokens = patches / merged;
  const encoder = buildVisionEncoder(config, weights);
  const g = new GraphBuilder(`vision_lesion_loss_p${patches}`);
  const imported = importGraph(g, encoder, { dims: { num_patches: patches, num_images: 1 }, keepOutputs: false });
  const features = imported.tensor(encoder.outputs[0]!.name); // (T, outHiddenSize)
  const headWeight = g.initializer(LESION_STEP_IO.head, head, [classes, config.outHiddenSize], config.dtype);
  const logits = unsqueeze(g, linearOutIn(g, features, headWeight), [0]); // (1, T, classes): one "sequence" of tokens
  const tokenClasses = g.input(LESION_STEP_IO.tokenClasses, 'int64', [tokens]);
  const tokenWeights = g.input(LESION_STEP_IO.tokenWeights, config.dtype, [tokens]);
  const logp = tokenLogProbs(g, logits, unsqueeze(g, tokenClasses, [0])); // (1, T): log p of each token's class
  g.output(div(g, reduceSum(g, mul(g, logp, unsqueeze(g, tokenWeights, [0])), [0, 1], false), scalar(g, -tokens, config.dtype)), LESION_STEP_IO.loss);
  return assertValidGraph(g.build());
}

export interface LesionPretrainingOptions {
  readonly config: VisionConfig;
  readonly weights: Weights;
  readonly detectors: readonly DetectorSpec[];
  readonly studies: readonly LesionTokenStudy[];
  readonly steps: number;
  /** Peak learning rate: 100-step linear warm-up, then cosine decay to a tenth. */
  readonly peakLr: number;
  /** Loss weight of a lesion token relative to a no-lesion token (lesions cover a few per cent of tokens). */
  readonly lesionWeight: number;
  /** Share of steps that draw a lesion-showing image of the drawn study when it has one (volumes: most slices show none). */
  readonly lesionImageShare: number;
  /**
   * Relative draw weight per domain (default 1 each): a domain whose lesions are hardest to see (CT's
   * 2–4 px nodules, mammography's calcification specks) gets more of the steps.
   */
  readonly domainWeights?: Readonly<Record<string, number>>;
  readonly seed: number;
  readonly onStep?: (report: { readonly step: number; readonly loss: number }) => void;
}

export interface LesionPretrainingResult {
  /** The encoder's weights after training (same names and shapes; the head is not among them). */
  readonly weights: Weights;
  /** Per step: the loss before that step's update. */
  readonly losses: Float32Array;
}

const WARMUP_STEPS = 100;

/** Learning rate at a 1-based step: linear warm-up over 100 steps, cosine decay to a tenth at `steps`. */
export function lesionPretrainingLr(step: number, steps: number, peakLr: number): number {
  const warm = Math.min(1, step / WARMUP_STEPS);
  return peakLr * warm * (0.1 + 0.45 * (1 + Math.cos((Math.PI * step) / steps)));
}

/**
 * Picks a domain from a uniform draw u ∈ [0, 1): the first domain whose cumulative weight exceeds
 * u · (total weight). With equal weights this is `domains[floor(u · n)]`.
 */
export function weightedDomainPicker(domains: readonly string[], weights: Readonly<Record<string, number>> = {}): (u: number) => string {
  const cumulative: number[] = [];
  let total = 0;
  for (const d of domains) {
    const w = weights[d] ?? 1;
    if (!(Number.isFinite(w) && w > 0)) throw new Error(`lesion pre-training: domain weight of ${d} must be a positive number, got ${w}`);
    total += w;
    cumulative.push(total);
  }
  for (const d of Object.keys(weights)) if (!domains.includes(d)) throw new Error(`lesion pre-training: a weight is given for ${d}, which has no image studies`);
  return (u) => {
    const x = u * total;
    const i = cumulative.findIndex((c) => x < c);
    return domains[i < 0 ? domains.length - 1 : i]!;
  };
}

/**
 * Trains every encoder weight and a token head; each step draws a domain (uniformly unless weighted: rare
 * domains are not drowned out by abundant ones), a study of it, and one of its images. Deterministic for
 * a seed: one intra-op thread, one fixed draw sequence.
 */
export async function pretrainVisionOnLesions(options: LesionPretrainingOptions): Promise<LesionPretrainingResult> {
  const { config, detectors, steps } = options;
  const classes = detectors.length + 1;
  const byDomain = new Map<string, LesionTokenStudy[]>();
  for (const s of options.studies) if (s.images.length > 0) byDomain.set(s.domain, [...(byDomain.get(s.domain) ?? []), s]);
  const domains = [...byDomain.keys()].sort();
  if (domains.length === 0) throw new Error('lesion pre-training: no image studies');
  const pickDomain = weightedDomainPicker(domains, options.domainWeights);
  const rng = new Mulberry32(options.seed);
  const bound = 1 / Math.sqrt(config.outHiddenSize);
  const head = Float32Array.from({ length: classes * config.outHiddenSize }, () => (rng.next() * 2 - 1) * bound);

  const params = new StepGraphParams(options.weights, { [LESION_STEP_IO.head]: { data: head, dims: [classes, config.outHiddenSize] } });
  const sessions = new SessionCache({ intraOpThreads: 1 });
  const losses = new Float32Array(steps);
  try {
    for (let step = 1; step <= steps; step++) {
      const studies = byDomain.get(pickDomain(rng.next()))!;
      const study = studies[Math.floor(rng.next() * studies.length)]!;
      const showing = study.images.filter((im) => im.tokenClasses.some((c) => c > 0));
      const pool = showing.length > 0 && rng.next() < options.lesionImageShare ? showing : study.images;
      const image = pool[Math.floor(rng.next() * pool.length)]!;
      const session = await sessions.get(`p${image.patches}`, () => graphBytes(stepGraph(options, image.patches, classes, head, params.names)));
      const tokens = image.tokenClasses.length;
      const loss = await params.step(
        session,
        {
          [VISION_ENCODER_IO.pixelValues]: float32Tensor([image.patches, image.pixelValues.length / image.patches], image.pixelValues),
          [VISION_ENCODER_IO.gridThw]: int64Tensor([1, 3], image.gridThw),
          [LESION_STEP_IO.tokenClasses]: int64Tensor([tokens], image.tokenClasses),
          [LESION_STEP_IO.tokenWeights]: float32Tensor([tokens], Float32Array.from(image.tokenClasses, (c) => (c > 0 ? options.lesionWeight : 1))),
          [TRAINING_STEP.step]: float32Tensor([], Float32Array.of(step)),
          [TRAINING_STEP.lr]: float32Tensor([], Float32Array.of(lesionPretrainingLr(step, steps, options.peakLr))),
        },
        'lesion pre-training',
      );
      losses[step - 1] = loss;
      options.onStep?.({ step, loss });
    }
  } finally {
    await sessions.release();
  }
  return { weights: params.weightsLike(options.weights), losses };
}

function stepGraph(options: LesionPretrainingOptions, patches: number, classes: number, head: Float32Array, params: readonly string[]): Graph {
  const forward = lesionLossGraph(options.config, options.weights, patches, classes, head);
  return trainingStepGraph(forward, { loss: LESION_STEP_IO.loss, params, optimizer: QOQ_MED_ADAMW, clipGlobalNorm: QOQ_MED_GRAD_CLIP });
}
