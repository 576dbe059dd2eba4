/** The reference trainer's job file (job.yaml) that `qoq export-job` writes beside the dataset. */

/** Reference medical-run settings (notes §5). */
export const REFERENCE_RUN = {
  advEstimator: 'drpo',
  G: 5,
  temperature: 1.0,
  lr: 1e-6,
  weightDecay: 1e-2,
  klPenalty: 'low_var_kl',
  klCoef: 1e-4,
  maxPromptLength: 4000,
  maxResponseLength: 4000,
  rolloutBatchSize: 512,
  limitImages: 4,
  maxGradNorm: 1.0,
} as const;

/**
 * The reference trainer's job config (its YAML layout: data / algorithm / worker / trainer). Values
 * are the QoQ-Med medical-run settings; cluster-specific ones (GPU count, paths) are marked to edit.
 */
export function referenceJobYaml(args: { trainFile: string; valFile: string; modelPath: string; records: number }): string {
  const R = REFERENCE_RUN;
  return `# Job for the QoQ-Med reference trainer (verl / EasyR1), written by \`qoq export-job\`.
# ${args.records} records. Run from this folder (record paths are relative to it), e.g.
#   python3 -m verl.trainer.main config=job.yaml
# Settings follow the QoQ-Med medical runs: DRPO, G=${R.G}, temperature ${R.temperature}, lr ${R.lr} AdamW,
# KL ${R.klPenalty} ${R.klCoef}, prompts/responses up to ${R.maxPromptLength} tokens, up to ${R.limitImages} images.
data:
  train_files: ${args.trainFile}
  val_files: ${args.valFile}
  prompt_key: problem
  answer_key: answer
  image_key: images
  max_prompt_length: ${R.maxPromptLength}
  max_response_length: ${R.maxResponseLength}
  rollout_batch_size: ${R.rolloutBatchSize}
  shuffle: true
  seed: 1

algorithm:
  adv_estimator: ${R.advEstimator}
  disable_kl: false
  use_kl_loss: true
  kl_penalty: ${R.klPenalty}
  kl_coef: ${sci(R.klCoef)}

worker:
  actor:
    max_grad_norm: ${R.maxGradNorm.toFixed(1)}
    model:
      model_path: ${args.modelPath}  # edit: the base model (QoQ-Med starts from Qwen2.5-VL-7B-Instruct)
      freeze_vision_tower: false
    optim:
      lr: ${sci(R.lr)}
      weight_decay: ${sci(R.weightDecay)}
      strategy: adamw
  rollout:
    n: ${R.G}
    temperature: ${R.temperature.toFixed(1)}
    limit_images: ${R.limitImages}
  reward:
    reward_type: function
    reward_function: ./examples/reward_function/medical.py:medical_compute_score  # the reference reward (notes §3)

trainer:
  project_name: qoq_med
  experiment_name: qoq_export_drpo
  n_gpus_per_node: 8  # edit for the cluster
  nnodes: 1
  save_checkpoint_path: null
`;
}

/** 1e-6 → "1.0e-6": a dot and a signed exponent, the form YAML 1.1 loaders (PyYAML) read as a float. */
function sci(x: number): string {
  const [mantissa = '0', exponent = '0'] = x.toExponential().split('e');
  const e = Number(exponent);
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}e${e < 0 ? '-' : '+'}${Math.abs(e)}`;
}
