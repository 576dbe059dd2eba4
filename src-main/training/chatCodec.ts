/**
 * Text ↔ token ids for the text-only jobs: the Qwen2 chat layout with one user turn, the response
 * closed by `<|im_end|>` (the stop token), `<|endoftext|>` as padding. `qoq train` and `qoq eval`
 * share it, so a checkpoint is always prompted the way it was trained.
 */
import { trainByteLevelBpe, type TextTokenizer, type TokenizerJson } from '../ml/tokenizer';
import type { TrainingRecord } from './trainingData';

export interface ChatCodec {
  readonly tokenizer: TextTokenizer;
  readonly eosId: number; // <|im_end|>
  readonly padId: number; // <|endoftext|>
  promptIds(prompt: string): number[];
  /** The response's ids with the closing eos. */
  responseIds(response: string): number[];
  /** Response text of generated ids (special tokens dropped). */
  decode(ids: readonly number[]): string;
}

export function chatCodec(tokenizer: TextTokenizer): ChatCodec {
  const eosId = tokenizer.tokenId('<|im_end|>');
  const padId = tokenizer.tokenId('<|endoftext|>');
  return {
    tokenizer,
    eosId,
    padId,
    promptIds: (prompt) => tokenizer.encode(`<|im_start|>user\n${prompt}<|im_end|>\n<|im_start|>assistant\n`),
    responseIds: (response) => [...tokenizer.encode(response), eosId],
    decode: (ids) => tokenizer.decode(ids, { skipSpecialTokens: true }),
  };
}

/** The texts a job's tokenizer is trained on: every prompt, response and answer, then the extra corpus lines. */
export function tokenizerCorpus(records: readonly TrainingRecord[], extraLines: readonly string[] = []): string[] {
  const texts: string[] = [];
  for (const r of records) {
    texts.push(r.prompt, r.answerLabels.join(', '), `\\boxed{${r.answerLabels.join(', ')}}`);
    if (r.response !== undefined) texts.push(r.response);
  }
  return [...texts, ...extraLines.filter((l) => l.trim() !== '')];
}

export function trainJobTokenizer(records: readonly TrainingRecord[], options: { vocabSize: number; minFrequency: number; extraLines?: readonly string[] }): TokenizerJson {
  return trainByteLevelBpe(tokenizerCorpus(records, options.extraLines), { vocabSize: options.vocabSize, minFrequency: options.minFrequency });
}
