/**
 * The special tokens of the QoQ-Med chat template (notes §2), in the order a trained tokenizer assigns
 * their ids. `<|endoftext|>` comes first so it takes the lowest special id, as in the released tokenizer
 * where it doubles as bos/pad; `<|time_series_pad|>` is QoQ-Med's addition for the one ECG slot.
 */
export const QOQ_SPECIAL_TOKENS: readonly string[] = [
  '<|endoftext|>',
  '<|im_start|>',
  '<|im_end|>',
  '<|vision_start|>',
  '<|vision_end|>',
  '<|vision_pad|>',
  '<|image_pad|>',
  '<|video_pad|>',
  '<|time_series_pad|>',
];
