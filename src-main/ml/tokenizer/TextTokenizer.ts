import { Tokenizer } from '@huggingface/tokenizers';

export interface EncodeOptions {
  /** Run the tokenizer's post-processor template (bos/eos and the like). Default false: the chat
   * template writes its special tokens itself, so adding them again would duplicate them. */
  addSpecialTokens?: boolean;
}

export interface DecodeOptions {
  /** Drop special tokens (<|im_end|>, pads, …) from the text. Default false. */
  skipSpecialTokens?: boolean;
}

/**
 * The app's tokenizer: a thin, typed face over @huggingface/tokenizers with the project's defaults, so no
 * other module depends on the library's snake_case options or its quirks (it throws on decoding []).
 */
export class TextTokenizer {
  private readonly specialIds: ReadonlySet<number>;

  constructor(private readonly inner: Tokenizer) {
    this.specialIds = new Set([...inner.get_added_tokens_decoder()].filter(([, t]) => t.special).map(([id]) => id));
  }

  encode(text: string, options: EncodeOptions = {}): number[] {
    return this.inner.encode(text, { add_special_tokens: options.addSpecialTokens ?? false }).ids;
  }

  decode(ids: readonly number[], options: DecodeOptions = {}): string {
    if (ids.length === 0) return '';
    return this.inner.decode([...ids], { skip_special_tokens: options.skipSpecialTokens ?? false });
  }

  /** Id of a token given by its exact string, e.g. '<|im_end|>'. Throws when absent: a missing special
   * token means the wrong tokenizer was loaded, and a silent undefined would turn into a wrong id later. */
  tokenId(token: string): number {
    const id = this.inner.token_to_id(token);
    if (id === undefined) throw new Error(`Tokenizer has no token '${token}'`);
    return id;
  }

  /** Token string of an id, or undefined when the id is outside the vocabulary. */
  tokenString(id: number): string | undefined {
    return this.inner.id_to_token(id);
  }

  isSpecial(id: number): boolean {
    return this.specialIds.has(id);
  }

  /** Number of ids the model's embedding must cover: highest id + 1, added tokens included. */
  get vocabSize(): number {
    let max = -1;
    for (const id of this.inner.get_vocab(true).values()) max = Math.max(max, id);
    return max + 1;
  }
}
