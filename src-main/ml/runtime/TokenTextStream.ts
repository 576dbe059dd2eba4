import type { TextTokenizer } from '../tokenizer/index.js';

/**
 * decode([id]) per tokenizer, remembered: streaming decodes one token per step, and the tokenizer's decode
 * (pre-tokenizer reversal, byte mapping, UTF-8) costs tens of µs — a visible share of a ~1.5 ms decode
 * step. decode is a pure function of the ids, so a remembered result is the result. At most one entry
 * per vocabulary id; weakly keyed, so it goes with the tokenizer.
 */
const singleTokenTexts = new WeakMap<TextTokenizer, Map<number, string>>();

function decodeOne(tokenizer: TextTokenizer, id: number): string {
  let texts = singleTokenTexts.get(tokenizer);
  if (!texts) singleTokenTexts.set(tokenizer, (texts = new Map()));
  let text = texts.get(id);
  if (text === undefined) texts.set(id, (text = tokenizer.decode([id], { skipSpecialTokens: true })));
  return text;
}

/**
 * Turns one row's tokens into text increments for streaming. Byte-level BPE can split a UTF-8 character
 * across tokens; the partial decode then ends in U+FFFD, so text is held back until the character is
 * complete (as transformers' TextStreamer does).
 *
 * Only the tokens not yet emitted are decoded (one short decode per token, instead of re-decoding the
 * whole answer: O(n²) over a long reasoning trace). That is exact for byte-level BPE, the tokenizers of
 * Qwen2-VL-family packages: a token decodes to fixed bytes whatever its neighbours, and the window always
 * starts where complete characters ended, so decode(emitted) + decode(window) = decode(all).
 */
export class TokenTextStream {
  readonly #ids: number[] = [];
  #read = 0;

  constructor(private readonly tokenizer: TextTokenizer) {}

  /**
   * The new, complete text after `id` ('' while a character is still partial). `last` flushes: the row
   * ends here, so bytes that never completed a character are emitted as U+FFFD, as the final text has them.
   */
  push(id: number, last = false): string {
    this.#ids.push(id);
    // The usual window is this one token (the previous one completed its characters).
    const text =
      this.#read === this.#ids.length - 1
        ? decodeOne(this.tokenizer, id)
        : this.tokenizer.decode(this.#ids.slice(this.#read), { skipSpecialTokens: true });
    if (!last && text.endsWith('\uFFFD')) return '';
    this.#read = this.#ids.length;
    return text;
  }
}
