import { GraphBuilder, type Graph } from '../graph/index.js';
import { appendTokenLogProbs } from '../losses/index.js';
import type { DecoderConfig } from '../models/decoder/index.js';
import { appendPolicyForward } from './appendPolicyForward.js';
import { graphBytes } from './graphBytes.js';

/**
 * Forward-only graph of one (batch, seqLen) bucket with EVERY parameter as an input: feed the rollout
 * weights for log π_old, the frozen reference weights for log π_ref — one session serves both. Inputs:
 * input_ids, attention_mask, position_ids, past_key_values.* (empty), target_ids, the parameters
 * (+ media: media_embeds, media_mask, as packMultimodalBatch fills them);
 * outputs: logits (B, S, V) and token_log_probs (B, S).
 */
export function buildLogProbGraphOf(config: DecoderConfig, batch: number, seqLen: number, temperature = 1, media = false): Graph {
  const g = new GraphBuilder(`log_probs_b${batch}_s${seqLen}`);
  g.output(appendPolicyForward(g, config, { bucket: { batch, seqLen }, media }));
  appendTokenLogProbs(g, { temperature }); // the sampling temperature: ratios compare the distribution actually sampled
  return g.build();
}

export function buildLogProbGraph(config: DecoderConfig, batch: number, seqLen: number, temperature = 1, media = false): Uint8Array {
  return graphBytes(buildLogProbGraphOf(config, batch, seqLen, temperature, media));
}
