// File names inside a checkpoint folder. Weights use Hugging Face names so model.safetensors loads
// into the decoder (or transformers) as is; optimizer moments are named `<param>.m` / `<param>.v`,
// the same names the training-step graph uses for them.
export const CHECKPOINT_FILES = {
  model: 'model.safetensors',
  optimizer: 'optimizer.safetensors',
  reference: 'reference.safetensors',
  trainer: 'trainer.json',
} as const;

export const CHECKPOINT_FORMAT = 'qoq-trainer-checkpoint';
