import { byteLevelAlphabet } from './byteLevelAlphabet';
import { countWords } from './countWords';
import { learnMerges } from './learnMerges';
import { byteLevelStage, qwen2PreTokenizer } from './qwen2PreTokenizer';
import { QOQ_SPECIAL_TOKENS } from './specialTokens';
import type { AddedTokenJson, TokenizerJson } from './TokenizerJson';

export interface TrainByteLevelBpeOptions {
  /**
   * Upper bound on the total vocabulary, special tokens included. Fewer tokens come out when the corpus
   * runs out of pairs seen at least `minFrequency` times. Must leave room for the 256 byte tokens.
   */
  vocabSize: number;
  /** Added as single, never-split tokens after the BPE vocabulary. Default: QOQ_SPECIAL_TOKENS. */
  specialTokens?: readonly string[];
  /** Default 2. */
  minFrequency?: number;
  /**
   * NFC-normalise text before BPE, as Qwen2 does. Default false: without a normaliser any string,
   * including decomposed accents in imported notes, decodes back byte for byte.
   */
  nfc?: boolean;
}

/**
 * Trains a byte-level BPE (Qwen2 layout) on a corpus and returns it as a tokenizer.json object that
 * @huggingface/tokenizers and the Rust `tokenizers` load as they are. The 256 byte tokens are always in
 * the vocabulary, so every string is encodable and round-trips exactly.
 */
export function trainByteLevelBpe(texts: readonly string[], options: TrainByteLevelBpeOptions): TokenizerJson {
  const specialTokens = options.specialTokens ?? QOQ_SPECIAL_TOKENS;
  if (new Set(specialTokens).size !== specialTokens.length) throw new Error('trainByteLevelBpe: duplicate special tokens');
  if (specialTokens.some((token) => token.length === 0)) throw new Error('trainByteLevelBpe: empty special token');
  const alphabet = byteLevelAlphabet();
  const maxVocab = options.vocabSize - specialTokens.length;
  if (maxVocab < alphabet.length) {
    throw new Error(`trainByteLevelBpe: vocabSize ${options.vocabSize} leaves no room for 256 bytes + ${specialTokens.length} specials`);
  }
  const nfc = options.nfc ?? false;
  const preTokenizer = qwen2PreTokenizer();

  const words = countWords(texts, { preTokenizer, specialTokens, nfc });
  const { tokens, merges } = learnMerges(words, { alphabet, maxVocab, minFrequency: options.minFrequency ?? 2 });

  const vocab: Record<string, number> = {};
  tokens.forEach((token, id) => (vocab[token] = id));
  const addedTokens: AddedTokenJson[] = specialTokens.map((content, i) => ({
    id: tokens.length + i,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));

  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens,
    normalizer: nfc ? { type: 'NFC' } : null,
    pre_tokenizer: preTokenizer,
    post_processor: byteLevelStage(),
    decoder: byteLevelStage(),
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      merges,
    },
  };
}
