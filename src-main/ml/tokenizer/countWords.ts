import { SequencePreTokenizer } from '@huggingface/tokenizers';
import type { PreTokenizerSequenceJson } from './TokenizerJson';
import { splitOnSpecialTokens } from './splitOnSpecialTokens';

export interface CountWordsOptions {
  preTokenizer: PreTokenizerSequenceJson;
  specialTokens: readonly string[];
  nfc: boolean;
}

/**
 * Pre-tokenizes a corpus into byte-level "words" and counts them. The split is done by the library's own
 * pre-tokenizer built from the same JSON the trained tokenizer.json will carry, so the words merges are
 * learned on are exactly the pieces the loader will later hand to BPE.
 */
export function countWords(texts: readonly string[], options: CountWordsOptions): Map<string, number> {
  const preTokenize = new SequencePreTokenizer(options.preTokenizer);
  const counts = new Map<string, number>();
  for (const raw of texts) {
    const text = options.nfc ? raw.normalize('NFC') : raw;
    for (const piece of splitOnSpecialTokens(text, options.specialTokens)) {
      for (const word of preTokenize.pre_tokenize(piece)) {
        counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
  }
  return counts;
}
