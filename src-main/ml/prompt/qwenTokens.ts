/** Special tokens of the released QoQ-Med tokenizer (notes §2): text form and id. */
export const QWEN_TOKENS = {
  endOfText: { text: '<|endoftext|>', id: 151643 },
  imEnd: { text: '<|im_end|>', id: 151645 },
  visionStart: { text: '<|vision_start|>', id: 151652 },
  visionEnd: { text: '<|vision_end|>', id: 151653 },
  imagePad: { text: '<|image_pad|>', id: 151655 },
  videoPad: { text: '<|video_pad|>', id: 151656 },
  timeSeriesPad: { text: '<|time_series_pad|>', id: 151665 },
} as const;

/** `<|im_start|>` is not listed in the notes; only its text is needed to build the prompt. */
export const IM_START = '<|im_start|>';
