// Tensor names the trainer's graphs add on top of the decoder layout and the training-step names.
export const TRAIN_INPUTS = {
  targetIds: 'target_ids', // int64 (B, S): input_ids shifted left by one (row t predicts token t + 1)
  responseMask: 'response_mask', // float (B, S): 1 where target t is a response token
  oldLogProbs: 'old_log_probs', // float (B, S): log π_old of the targets, from the rollout policy
  refLogProbs: 'ref_log_probs', // float (B, S): log π_ref of the targets, from the frozen reference
  advantages: 'advantages', // float (B): one per sampled response
} as const;

/** (B, S) log π_θ of the targets inside the GRPO step graph, exposed as an extra output for metrics. */
export const POLICY_LOG_PROBS = 'policy_log_probs';

/** Multimodal training inputs: encoder features placed at their pad positions, and where those are. */
export const MEDIA_INPUTS = {
  embeds: 'media_embeds', // float (B, S, D): feature rows at image/ECG pad positions, zeros elsewhere
  mask: 'media_mask', // float (B, S, 1): 1 at image/ECG pad positions, 0 at text
} as const;
