// File names inside a checkpoint folder. Weights use Hugging Face names so model.safetensors loads
// into the decoder (or transformers) as is; optimizer moments are named `<param>.m` / `<param>.v`,
// the same names the training-step graph uses for them.
export const CHECKPOINT_FILES = {
  model: 'model.safetensors',
  optimizer: 'optimizer.safetensors',
  reference: 'reference.safetensors',
  trainer: 'trainer.json',
} as const;

// LoRA runs add these: model.safetensors then holds the adapted weights (a plain model), base.safetensors the
// frozen base they train against, lora.safetensors the factors `<W>.lora_A` / `<W>.lora_B` (their moments go
// to optimizer.safetensors like any trained tensor's). The base doubles as the KL reference: no reference file.
export const LORA_CHECKPOINT_FILES = {
  base: 'base.safetensors',
  factors: 'lora.safetensors',
} as const;

export const CHECKPOINT_FORMAT = 'qoq-trainer-checkpoint';
