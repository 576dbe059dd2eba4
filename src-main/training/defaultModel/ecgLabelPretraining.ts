/**
 * Supervised pre-training of the ECG encoder on the lab's rhythm/morphology labels, before its final
 * layer is fitted and the decoder trained: the role ECG-JEPA's pretrained checkpoint plays for the real
 * QoQ-Med. The encoder pools a record into one vector (the one the decoder reads at <|time_series_pad|>),
 * so study-level labels are the natural target here (the vision encoder, whose lesions cover a few
 * tokens, is taught per token instead: lesionTokenPretraining.ts).
 *
 * Why: the seeded random ECG encoder's vector varies between records by ~3 % (calibrateEncoderOutputs)
 * and the decoder read ECG at F1 0.35 against chance 0.17 in 1.3.0, and collapsed to one answer in a
 * build whose decoder otherwise learnt more.
 *
 * The step graph (one, for a fixed batch): encoder (weights as trained inputs) → linear head → log-softmax
 * → mean cross-entropy of the labels → backward → clip → AdamW. Each step draws `batch` records
 * uniformly over labels (the lab's rhythms are not equally common in a mix a site would send).
 */
import { assertValidGraph, div, GraphBuilder, linearOutIn, reduceSum, scalar, unsqueeze, type Graph } from '../../ml/graph/index.js';
import { tokenLogProbs } from '../../ml/losses/index.js';
import { importGraph } from '../../ml/autodiff/index.js';
import { buildEcgEncoder, ECG_ENCODER_IO, type EcgConfig } from '../../ml/models/ecg/index.js';
import type { Weights } from '../../ml/models/vision/index.js';
import { trainingStepGraph, TRAINING_STEP } from '../../ml/optim/index.js';
import { Mulberry32 } from '../../ml/random/Mulberry32.js';
import { float32Tensor, int64Tensor } from '../../ml/runtime/hostTensors.js';
import { createSession } from '../../ml/ort/index.js';
import { graphBytes } from '../../ml/train/graphBytes.js';
import { QOQ_MED_ADAMW, QOQ_MED_GRAD_CLIP } from '../../ml/train/OptimizerSettings.js';
import { lesionPretrainingLr } from './lesionTokenPretraining.js';
import { StepGraphParams } from './stepGraphParams.js';

export const ECG_STEP_IO = {
  head: 'ecg_label_head.weight', // (labels, outHiddenSize)
  labels: 'labels', // (batch,) int64
  loss: 'loss',
} as const;

/** One ECG record as the encoder reads it ((leads × samples) lead-major, z-scored) and its label index. */
export interface EcgLabelRecord {
  readonly ecg: Float32Array;
  readonly label: number;
}

/** Forward + mean cross-entropy for a batch of `batch` records: −Σ_b log p_b[label_b] / B. */
export function ecgLabelLossGraph(config: EcgConfig, weights: Weights, batch: number, labels: number, head: Float32Array): Graph {
  const encoder = buildEcgEncoder(config, weights);
  const g = new GraphBuilder(`ecg_label_loss_b${batch}`);
  const imported = importGraph(g, encoder, { dims: { batch }, keepOutputs: false });
  const features = imported.tensor(encoder.outputs[0]!.name); // (B, outHiddenSize)
  const headWeight = g.initializer(ECG_STEP_IO.head, head, [labels, config.outHiddenSize], config.dtype);
  const logits = unsqueeze(g, linearOutIn(g, features, headWeight), [0]); // (1, B, labels): the batch as one "sequence"
  const target = g.input(ECG_STEP_IO.labels, 'int64', [batch]);
  const logp = tokenLogProbs(g, logits, unsqueeze(g, target, [0])); // (1, B)
  g.output(div(g, reduceSum(g, logp, [0, 1], false), scalar(g, -batch, config.dtype)), ECG_STEP_IO.loss);
  return assertValidGraph(g.build());
}

export interface EcgPretrainingOptions {
  readonly config: EcgConfig;
  readonly weights: Weights;
  readonly labels: number;
  readonly records: readonly EcgLabelRecord[];
  readonly steps: number;
  readonly batch: number;
  /** Peak learning rate (the vision pre-training's schedule: 100-step warm-up, cosine to a tenth). */
  readonly peakLr: number;
  readonly seed: number;
  readonly onStep?: (report: { readonly step: number; readonly loss: number }) => void;
}

/** Trains every ECG encoder weight and a label head; returns the encoder's weights (head dropped) and the per-step losses. */
export async function pretrainEcgOnLabels(options: EcgPretrainingOptions): Promise<{ readonly weights: Weights; readonly losses: Float32Array }> {
  const { config, steps, batch, labels } = options;
  const byLabel = Array.from({ length: labels }, (_, label) => options.records.filter((r) => r.label === label));
  const present = byLabel.filter((records) => records.length > 0);
  if (present.length === 0) throw new Error('ECG pre-training: no records');
  const values = config.leads * config.samples;
  for (const r of options.records) if (r.ecg.length !== values) throw new Error(`ECG pre-training: a record has ${r.ecg.length} values, the encoder reads ${values}`);
  const rng = new Mulberry32(options.seed);
  const bound = 1 / Math.sqrt(config.outHiddenSize);
  const head = Float32Array.from({ length: labels * config.outHiddenSize }, () => (rng.next() * 2 - 1) * bound);
  const params = new StepGraphParams(options.weights, { [ECG_STEP_IO.head]: { data: head, dims: [labels, config.outHiddenSize] } });
  const forward = ecgLabelLossGraph(config, options.weights, batch, labels, head);
  const session = await createSession(graphBytes(trainingStepGraph(forward, { loss: ECG_STEP_IO.loss, params: params.names, optimizer: QOQ_MED_ADAMW, clipGlobalNorm: QOQ_MED_GRAD_CLIP })), { intraOpThreads: 1 });
  const losses = new Float32Array(steps);
  const ecg = new Float32Array(batch * values);
  const target = new Array<number>(batch);
  try {
    for (let step = 1; step <= steps; step++) {
      for (let b = 0; b < batch; b++) {
        const records = present[Math.floor(rng.next() * present.length)]!;
        const record = records[Math.floor(rng.next() * records.length)]!;
        ecg.set(record.ecg, b * values);
        target[b] = record.label;
      }
      const loss = await params.step(
        session,
        {
          [ECG_ENCODER_IO.ecg]: float32Tensor([batch, config.leads, config.samples], ecg),
          [ECG_STEP_IO.labels]: int64Tensor([batch], target),
          [TRAINING_STEP.step]: float32Tensor([], Float32Array.of(step)),
          [TRAINING_STEP.lr]: float32Tensor([], Float32Array.of(lesionPretrainingLr(step, steps, options.peakLr))),
        },
        'ECG pre-training',
      );
      losses[step - 1] = loss;
      options.onStep?.({ step, loss });
    }
  } finally {
    await session.release();
  }
  return { weights: params.weightsLike(options.weights), losses };
}
