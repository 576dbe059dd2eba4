// Turns a forward graph with a `logits` (B, S, V) output into one that also outputs the (B, S)
// log-probabilities of given targets. The runtime runs it with the frozen reference weights (logπ_ref)
// or the rollout weights (logπ_old) and fetches only `token_log_probs`: (B, S) numbers cross back to
// JS instead of (B, S, V) logits (with V = 152064, that is 150 000× less data).
import type { GraphBuilder, Tensor } from '../graph/index.js';
import { LOGITS } from '../models/decoder/decoderLayout.js';
import { tokenLogProbs } from './tokenLogProbs.js';

export const TARGET_IDS = 'target_ids';
export const TOKEN_LOG_PROBS = 'token_log_probs';

export interface AppendTokenLogProbsOptions {
  /** The logits tensor's name in `g` (default the decoder layout's 'logits'). */
  readonly logitsName?: string;
  /** Name of the new int64 (B, S) graph input (default 'target_ids'). */
  readonly targetIdsName?: string;
  /** Name of the new (B, S) graph output (default 'token_log_probs'). */
  readonly outputName?: string;
  /** Sampling temperature of the rollout (see TokenLogProbOptions). */
  readonly temperature?: number;
}

export interface AppendedTokenLogProbs {
  readonly targetIds: Tensor; // (B, S) int64 input: targets[t] = input_ids[t + 1]; mask the last position
  readonly logProbs: Tensor; // (B, S) output
}

/** Adds the target-ids input and the log-prob output to `g` (the builder is modified in place). */
export function appendTokenLogProbs(g: GraphBuilder, options: AppendTokenLogProbsOptions = {}): AppendedTokenLogProbs {
  const logitsName = options.logitsName ?? LOGITS;
  // The builder only accepts its own tensor objects; build() is the public way to look one up by name.
  const logits = g.build().tensors.get(logitsName);
  if (logits === undefined) throw new Error(`appendTokenLogProbs: graph '${g.name}' has no tensor '${logitsName}'`);
  if (logits.shape.length !== 3) throw new Error(`appendTokenLogProbs: '${logitsName}' must be (B, S, V), got rank ${logits.shape.length}`);
  const targetIds = g.input(options.targetIdsName ?? TARGET_IDS, 'int64', logits.shape.slice(0, 2)); // (B, S)
  const temperature = options.temperature === undefined ? {} : { temperature: options.temperature };
  const picked = tokenLogProbs(g, logits, targetIds, temperature); // (B, S)
  const logProbs = g.output(picked, options.outputName ?? TOKEN_LOG_PROBS);
  return { targetIds, logProbs };
}
