/**
 * The subset of the Hugging Face `tokenizer.json` format this project writes: a byte-level BPE in the
 * layout of Qwen2's tokenizer. Declared here because @huggingface/tokenizers does not export its config
 * types from the package root.
 */
export interface AddedTokenJson {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

export interface ByteLevelStageJson {
  type: 'ByteLevel';
  add_prefix_space: boolean;
  trim_offsets: boolean;
  use_regex: boolean;
}

export interface SplitStageJson {
  type: 'Split';
  pattern: { Regex: string };
  behavior: 'Isolated';
  invert: boolean;
}

export interface PreTokenizerSequenceJson {
  type: 'Sequence';
  pretokenizers: [SplitStageJson, ByteLevelStageJson];
}

export interface BpeModelJson {
  type: 'BPE';
  dropout: null;
  unk_token: null;
  continuing_subword_prefix: string;
  end_of_word_suffix: string;
  fuse_unk: boolean;
  byte_fallback: boolean;
  ignore_merges: boolean;
  vocab: Record<string, number>;
  merges: [string, string][];
}

export interface TokenizerJson {
  version: '1.0';
  truncation: null;
  padding: null;
  added_tokens: AddedTokenJson[];
  normalizer: { type: 'NFC' } | null;
  pre_tokenizer: PreTokenizerSequenceJson;
  post_processor: ByteLevelStageJson;
  decoder: ByteLevelStageJson;
  model: BpeModelJson;
}
