import type { TextTokenizer } from '../tokenizer/index.js';

/**
 * Turns one row's tokens into text increments for streaming. Byte-level BPE can split a UTF-8 character
 * across tokens; the partial decode then ends in U+FFFD, so text is held back until the character is
 * complete (as transformers' TextStreamer does).
 *
 * Only a short window is decoded per token (the incremental scheme of TGI/vLLM): `#prefix` marks where the
 * last emitted text's tokens start, `#read` where they end. Decoding ids[prefix..] and subtracting the
 * decode of ids[prefix..read] gives the new text, so each token costs O(1) instead of re-decoding the
 * whole answer (O(n²) over a long reasoning trace). The prefix keeps one token of left context so BPE
 * decoders that look at neighbours (leading spaces) decode the window as they would the whole row.
 */
export class TokenTextStream {
  readonly #ids: number[] = [];
  #prefix = 0;
  #read = 0;

  constructor(private readonly tokenizer: TextTokenizer) {}

  /**
   * The new, complete text after `id` ('' while a character is still partial). `last` flushes: the row
   * ends here, so bytes that never completed a character are emitted as U+FFFD, as the final text has them.
   */
  push(id: number, last = false): string {
    this.#ids.push(id);
    const decode = (from: number, to?: number): string =>
      this.tokenizer.decode(this.#ids.slice(from, to), { skipSpecialTokens: true });
    const before = decode(this.#prefix, this.#read);
    const now = decode(this.#prefix);
    if (!last && now.endsWith('\uFFFD')) return '';
    if (now.length <= before.length || !now.startsWith(before)) {
      // Nothing new (e.g. a special token that decodes to ''), or the window re-segmented: keep waiting.
      if (!last) return '';
    }
    const delta = now.slice(before.length);
    this.#prefix = this.#read;
    this.#read = this.#ids.length;
    return delta;
  }
}
