import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTokenizer, tokenizerFromJson } from '../../../src-main/ml/tokenizer/loadTokenizer';
import { QOQ_SPECIAL_TOKENS } from '../../../src-main/ml/tokenizer/specialTokens';
import type { TextTokenizer } from '../../../src-main/ml/tokenizer/TextTokenizer';
import { trainByteLevelBpe } from '../../../src-main/ml/tokenizer/trainByteLevelBpe';
import type { TokenizerJson } from '../../../src-main/ml/tokenizer/TokenizerJson';

// A small clinical-flavoured corpus; the specials appear in it to prove they never take part in merges.
const CORPUS = Array.from({ length: 40 }, (_, i) =>
  [
    `<|im_start|>user\nPatient ${i} presents with pleural effusion and mild cardiomegaly.<|im_end|>`,
    `<|im_start|>assistant\n<think>The effusion is small.</think> \\boxed{pleural effusion}<|im_end|>`,
    'Température 37,5 °C — naïve reader; 胸部X線 正常 😀',
  ].join('\n'),
);

const ROUND_TRIP = [
  'Patient presents with pleural effusion.',
  'Unseen words: zygomatic osteotomy, ĳ ǅ ﬁ, 肺炎 🫁🩺, Ελληνικά, العربية',
  'decomposed e\u0301 stays decomposed; precomposed é stays precomposed',
  'tabs\tand\r\nCRLF and\n\n\nblank lines   trailing spaces   ',
  ' leading space, " . " and " ?" keep their spaces , don\'t they ?',
  '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|vision_start|><|image_pad|><|vision_end|><|time_series_pad|>',
  '<|im_end|><|im_end|>adjacent<|endoftext|>',
  '\u0000\u0007 control bytes \u00ad soft hyphen',
];

describe('trainByteLevelBpe + loadTokenizer (@huggingface/tokenizers)', () => {
  let dir: string;
  let json: TokenizerJson;
  let tok: TextTokenizer;

  beforeAll(async () => {
    json = trainByteLevelBpe(CORPUS, { vocabSize: 600 });
    dir = mkdtempSync(join(tmpdir(), 'bpe-'));
    writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(json));
    tok = await loadTokenizer(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes 256 bytes + merges + the 9 specials, within vocabSize', () => {
    const bpeSize = Object.keys(json.model.vocab).length;
    expect(bpeSize).toBe(256 + json.model.merges.length);
    expect(bpeSize + QOQ_SPECIAL_TOKENS.length).toBeLessThanOrEqual(600);
    expect(json.model.merges.length).toBeGreaterThan(20);
    expect(json.added_tokens.map((t) => [t.content, t.id])).toEqual(QOQ_SPECIAL_TOKENS.map((t, i) => [t, bpeSize + i]));
    expect(tok.vocabSize).toBe(bpeSize + QOQ_SPECIAL_TOKENS.length);
  });

  it('round-trips text exactly, unicode, newlines and unseen characters included', () => {
    for (const text of ROUND_TRIP) expect(tok.decode(tok.encode(text))).toBe(text);
  });

  it('each special token is one id, never split, and is not made part of a merge', () => {
    for (const special of QOQ_SPECIAL_TOKENS) {
      expect(tok.encode(special)).toEqual([tok.tokenId(special)]);
      expect(tok.isSpecial(tok.tokenId(special))).toBe(true);
    }
    const ids = tok.encode('<|im_start|>user\nhi<|im_end|>');
    expect(ids[0]).toBe(tok.tokenId('<|im_start|>'));
    expect(ids[ids.length - 1]).toBe(tok.tokenId('<|im_end|>'));
    expect(Object.keys(json.model.vocab).some((t) => t.includes('|>') || t.includes('<|'))).toBe(false);
  });

  it('decode can skip the special tokens', () => {
    const ids = tok.encode('<|im_start|>assistant\nok<|im_end|>');
    expect(tok.decode(ids, { skipSpecialTokens: true })).toBe('assistant\nok');
  });

  it('learned merges are used by the loader: a frequent word is one token', () => {
    // " effusion" occurs 120 times in the corpus with the same pre-tokenizer split the loader uses.
    expect(tok.encode(' effusion')).toHaveLength(1);
    expect(tok.encode('Patient presents with pleural effusion.').length).toBeLessThan(10);
  });

  it('the same ids come out across two loads, from a folder and from the file', async () => {
    const again = await loadTokenizer(join(dir, 'tokenizer.json'));
    for (const text of ROUND_TRIP) expect(again.encode(text)).toEqual(tok.encode(text));
  });

  it('training is deterministic', () => {
    expect(trainByteLevelBpe(CORPUS, { vocabSize: 600 })).toEqual(json);
  });

  it('decode([]) is the empty string; unknown tokens throw', () => {
    expect(tok.decode([])).toBe('');
    expect(() => tok.tokenId('<|no_such|>')).toThrow(/no token/);
  });

  it('honours a tokenizer_config.json beside the file', async () => {
    const withConfig = mkdtempSync(join(tmpdir(), 'bpe-cfg-'));
    try {
      writeFileSync(join(withConfig, 'tokenizer.json'), JSON.stringify(json));
      writeFileSync(join(withConfig, 'tokenizer_config.json'), JSON.stringify({ clean_up_tokenization_spaces: true }));
      const cleaning = await loadTokenizer(withConfig);
      expect(cleaning.decode(cleaning.encode('a , b .'))).toBe('a, b.');
    } finally {
      rmSync(withConfig, { recursive: true, force: true });
    }
  });
});

describe('trainByteLevelBpe options', () => {
  it('nfc: composed and decomposed spellings encode alike', () => {
    const tok = tokenizerFromJson(trainByteLevelBpe(['café café café'], { vocabSize: 300, nfc: true }));
    expect(tok.encode('cafe\u0301')).toEqual(tok.encode('café'));
  });

  it('custom special tokens get ids right after the BPE vocabulary', () => {
    const json = trainByteLevelBpe(['x'], { vocabSize: 300, specialTokens: ['<s>', '</s>'] });
    expect(json.added_tokens.map((t) => t.id)).toEqual([256, 257]);
  });

  it('rejects a vocabSize without room for the bytes and the specials, and duplicate specials', () => {
    expect(() => trainByteLevelBpe(['x'], { vocabSize: 256 })).toThrow(/no room/);
    expect(() => trainByteLevelBpe(['x'], { vocabSize: 300, specialTokens: ['<a>', '<a>'] })).toThrow(/duplicate/);
  });
});
