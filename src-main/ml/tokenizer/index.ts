/** Public surface of the tokenizer: loading a local tokenizer.json and training a byte-level BPE. */
export { loadTokenizer, tokenizerFromJson } from './loadTokenizer';
export { TextTokenizer, type DecodeOptions, type EncodeOptions } from './TextTokenizer';
export { trainByteLevelBpe, type TrainByteLevelBpeOptions } from './trainByteLevelBpe';
export { learnMerges, type LearnedBpe, type LearnMergesOptions } from './learnMerges';
export { QOQ_SPECIAL_TOKENS } from './specialTokens';
export { QWEN2_SPLIT_PATTERN } from './qwen2PreTokenizer';
export type { TokenizerJson } from './TokenizerJson';
