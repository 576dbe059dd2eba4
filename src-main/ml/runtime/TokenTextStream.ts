import type { TextTokenizer } from '../tokenizer/index.js';

/**
 * Turns one row's tokens into text increments for streaming. Byte-level BPE can split a UTF-8 character
 * across tokens; the partial decode then ends in U+FFFD, so text is held back until the character is
 * complete (as transformers' TextStreamer does). Decodes the whole row each time: O(n²) in tokens, which
 * is microseconds per token at answer lengths.
 */
export class TokenTextStream {
  readonly #ids: number[] = [];
  #emitted = 0;

  constructor(private readonly tokenizer: TextTokenizer) {}

  /**
   * The new, complete text after `id` ('' while a character is still partial). `last` flushes: the row
   * ends here, so bytes that never completed a character are emitted as U+FFFD, as the final text has them.
   */
  push(id: number, last = false): string {
    this.#ids.push(id);
    const text = this.tokenizer.decode(this.#ids, { skipSpecialTokens: true });
    if (!last && text.endsWith('\uFFFD')) return '';
    const delta = text.slice(this.#emitted);
    this.#emitted = text.length;
    return delta;
  }
}
