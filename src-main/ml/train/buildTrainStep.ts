import { GraphBuilder, type Graph } from '../graph/index.js';
import { grpoObjective, sftLoss, tokenLogProbs, type KlEstimator } from '../losses/index.js';
import type { DecoderConfig } from '../models/decoder/index.js';
import { trainingStepGraph, type AdamWConfig } from '../optim/index.js';
import { appendPolicyForward } from './appendPolicyForward.js';
import { graphBytes } from './graphBytes.js';
import { POLICY_LOG_PROBS, TRAIN_INPUTS } from './graphNames.js';
import { applyLora } from './loraGraph.js';
import type { LoraSettings } from './loraSettings.js';
import { loraTargets, zeroLoraFactors } from './loraState.js';

export interface TrainStepOptions {
  readonly kind: 'sft' | 'grpo';
  readonly batch: number; // B: sequences per update (a minibatch)
  readonly seqLen: number; // S: padded length of prompt + response
  /**
   * Trained parameters by HF name; the rest are still inputs, fed but never updated (freeze = omit).
   * With `lora`: exactly the factor names (`<W>.lora_A` / `.lora_B`, as in TrainerState.trainable).
   */
  readonly params: readonly string[];
  /** Train LoRA factors on the targeted projections: every decoder weight becomes a frozen input. */
  readonly lora?: LoraSettings;
  readonly optimizer: AdamWConfig;
  /** Global gradient-norm clip (verl's grad_clip, 1.0). */
  readonly clip?: number;
  /**
   * Params updated without weight decay. Default none: the reference trainer (verl) hands every
   * parameter to one AdamW group; pass the norm scales and biases here for the GPT-2 convention.
   */
  readonly noWeightDecay?: readonly string[];
  /** GRPO: the rollout's sampling temperature, applied to the logits before log-softmax (default 1). */
  readonly temperature?: number;
  // GRPO only (reference §5): KL coefficient, its estimator, PPO clip range and dual clip.
  readonly klCoef?: number; // QOQ_MED_KL_COEF = 1e-4
  readonly klEstimator?: KlEstimator; // 'low_var_kl'
  readonly clipLow?: number; // 0.2
  readonly clipHigh?: number; // 0.2 (raise for DAPO-style clip-higher)
  readonly dualClip?: number; // 3 (verl's clip_ratio_c)
  /** Adds the multimodal entry (media_embeds, media_mask; see appendPolicyForward). Default false. */
  readonly media?: boolean;
}

/**
 * One training step for a (batch, seqLen) bucket as a single graph: embed → decoder → loss →
 * backward → clip → AdamW. Inputs: input_ids, attention_mask, position_ids, the empty
 * past_key_values.*, target_ids, response_mask (+ media: media_embeds, media_mask; + GRPO: old_log_probs,
 * ref_log_probs, advantages),
 * every frozen parameter, then per trained parameter `<p>`, `<p>.m`, `<p>.v`, and `step`, `lr`.
 * Outputs: loss, grad_norm, `<p>.next`, `<p>.m.next`, `<p>.v.next` (+ GRPO: policy_log_probs).
 * With LoRA the forward graph is rewritten by applyLora before differentiation, so `<p>` are the factors.
 */
export function buildTrainStepGraph(config: DecoderConfig, options: TrainStepOptions): Graph {
  const { batch, seqLen, params } = options;
  const g = new GraphBuilder(`${options.kind}_b${batch}_s${seqLen}`);
  const { lora } = options;
  const asInitializers = lora ? [] : params; // LoRA: every weight a frozen input; the factors come in through applyLora
  const logits = appendPolicyForward(g, config, { bucket: { batch, seqLen }, asInitializers, media: options.media ?? false }); // (B, S, V)
  const targetIds = g.input(TRAIN_INPUTS.targetIds, 'int64', [batch, seqLen]);
  const mask = g.input(TRAIN_INPUTS.responseMask, 'float32', [batch, seqLen]);
  if (options.kind === 'sft') {
    g.output(sftLoss(g, logits, targetIds, mask), 'loss');
  } else {
    // Named, so the step graph can expose it: clip fraction and KL are measured on exactly these values.
    const logProbs = g.apply('Identity', [tokenLogProbs(g, logits, targetIds, { temperature: options.temperature ?? 1 })], {}, { names: [POLICY_LOG_PROBS] }); // (B, S)
    const objective = grpoObjective(g, {
      logProbs,
      oldLogProbs: g.input(TRAIN_INPUTS.oldLogProbs, 'float32', [batch, seqLen]),
      refLogProbs: g.input(TRAIN_INPUTS.refLogProbs, 'float32', [batch, seqLen]),
      advantages: g.input(TRAIN_INPUTS.advantages, 'float32', [batch]),
      responseMask: mask,
      klCoef: options.klCoef ?? 1e-4,
      estimator: options.klEstimator ?? 'low_var_kl',
      clipLow: options.clipLow ?? 0.2,
      clipHigh: options.clipHigh ?? 0.2,
      ...(options.dualClip === undefined ? {} : { dualClip: options.dualClip }),
    });
    g.output(objective.loss, 'loss');
  }
  const forward = lora ? loraForward(config, g.build(), lora, params) : g.build();
  const step = trainingStepGraph(forward, {
    loss: 'loss',
    params,
    optimizer: options.optimizer,
    noWeightDecay: options.noWeightDecay ?? [],
    ...(options.clip === undefined ? {} : { clipGlobalNorm: options.clip }),
  });
  if (options.kind === 'sft') return step;
  // The log-probs are on the loss path, so they survived pruning: declaring them an output is free.
  const logProbs = step.tensors.get(POLICY_LOG_PROBS);
  if (logProbs === undefined) throw new Error(`buildTrainStep: '${POLICY_LOG_PROBS}' was pruned from the step graph`);
  return { ...step, outputs: [...step.outputs, logProbs] };
}

/** The forward-with-loss graph with LoRA applied; `params` must name exactly its factors. */
function loraForward(config: DecoderConfig, forward: Graph, settings: LoraSettings, params: readonly string[]): Graph {
  const targets = loraTargets(config, settings);
  // Initializer values do not matter: trainingStepGraph turns the factors into fed inputs.
  const adapted = applyLora(forward, settings, zeroLoraFactors(targets, settings.rank));
  const wanted = [...adapted.params].sort().join('\n');
  if ([...params].sort().join('\n') !== wanted) throw new Error(`buildTrainStep: with LoRA, params must be exactly the ${adapted.params.length} factors (${adapted.params.slice(0, 2).join(', ')}, …)`);
  return adapted.graph;
}

/** ONNX bytes of buildTrainStepGraph: what a session per bucket is opened from. */
export function buildTrainStep(config: DecoderConfig, options: TrainStepOptions): Uint8Array {
  return graphBytes(buildTrainStepGraph(config, options));
}
