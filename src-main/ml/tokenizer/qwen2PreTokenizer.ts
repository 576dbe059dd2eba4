import type { ByteLevelStageJson, PreTokenizerSequenceJson } from './TokenizerJson';

/**
 * Qwen2's pre-tokenizer split (an Oniguruma regex, as stored in its tokenizer.json): contractions, letter
 * runs with one leading non-letter, single digits, punctuation runs, newline runs and whitespace. Using
 * the same split as the released model keeps a phantom-lab tokenizer's token boundaries comparable.
 */
export const QWEN2_SPLIT_PATTERN =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

/** The ByteLevel stage as Qwen2 configures it: no prefix space and no regex of its own (Split did that). */
export function byteLevelStage(): ByteLevelStageJson {
  return { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false };
}

/** Split by QWEN2_SPLIT_PATTERN, then map each piece's UTF-8 bytes to printable byte-level characters. */
export function qwen2PreTokenizer(): PreTokenizerSequenceJson {
  return {
    type: 'Sequence',
    pretokenizers: [
      { type: 'Split', pattern: { Regex: QWEN2_SPLIT_PATTERN }, behavior: 'Isolated', invert: false },
      byteLevelStage(),
    ],
  };
}
