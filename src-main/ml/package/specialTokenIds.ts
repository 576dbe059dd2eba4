import type { TextTokenizer } from '../tokenizer/index.js';
import type { ModelManifest } from './modelManifest.js';

/**
 * The manifest's special-token ids, looked up in the package's own tokenizer: a tokenizer trained here
 * does not use the released Qwen 151xxx ids, so they are never hard-coded.
 */
export function specialTokenIds(tokenizer: TextTokenizer): ModelManifest['specialTokens'] {
  const id = (token: string): number => tokenizer.tokenId(token);
  return {
    endOfText: id('<|endoftext|>'),
    imStart: id('<|im_start|>'),
    imEnd: id('<|im_end|>'),
    visionStart: id('<|vision_start|>'),
    visionEnd: id('<|vision_end|>'),
    imagePad: id('<|image_pad|>'),
    timeSeriesPad: id('<|time_series_pad|>'),
  };
}
