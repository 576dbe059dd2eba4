import { describe, expect, it } from 'vitest';
import { byteLevelAlphabet } from '../../../src-main/ml/tokenizer/byteLevelAlphabet';
import { learnMerges } from '../../../src-main/ml/tokenizer/learnMerges';
import { Xoshiro128StarStar } from '../../../src-main/ml/random/Xoshiro128StarStar';
import { splitOnSpecialTokens } from '../../../src-main/ml/tokenizer/splitOnSpecialTokens';

describe('learnMerges', () => {
  const words = new Map([
    ['ab', 3],
    ['abc', 2],
    ['bc', 1],
  ]);

  it('merges the most frequent pair first, updating counts after each merge', () => {
    // Pairs: (a,b) = 3 + 2 = 5, (b,c) = 2 + 1 = 3 → merge a+b → "ab" (id 3).
    // Now [ab]×3, [ab,c]×2, [b,c]×1: (ab,c) = 2, (b,c) = 1 → merge ab+c → "abc" (id 4).
    // Left: (b,c) = 1 < minFrequency 2 → stop.
    const { tokens, merges } = learnMerges(words, { alphabet: ['a', 'b', 'c'], maxVocab: 100, minFrequency: 2 });
    expect(merges).toEqual([['a', 'b'], ['ab', 'c']]);
    expect(tokens).toEqual(['a', 'b', 'c', 'ab', 'abc']);
  });

  it('minFrequency 1 also merges the one-off pair; maxVocab caps the merges', () => {
    expect(learnMerges(words, { alphabet: ['a', 'b', 'c'], maxVocab: 100, minFrequency: 1 }).tokens).toEqual([
      'a', 'b', 'c', 'ab', 'abc', 'bc',
    ]);
    expect(learnMerges(words, { alphabet: ['a', 'b', 'c'], maxVocab: 4, minFrequency: 1 }).merges).toEqual([['a', 'b']]);
  });

  it('breaks count ties by the smallest (left, right) ids', () => {
    // (c,d) and (a,b) both occur once; ids a=0,b=1 < c=2,d=3 → (a,b) first.
    const { merges } = learnMerges(new Map([['cd', 1], ['ab', 1]]), { alphabet: ['a', 'b', 'c', 'd'], maxVocab: 10, minFrequency: 1 });
    expect(merges).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('counts overlapping repeats as the encoder merges them: "aaa" → (a,a) twice, merged left to right', () => {
    // "aaa"×1: pairs (a,a) = 2 → "aa"; word becomes [aa, a]; (aa,a) = 1 → "aaa".
    const { merges } = learnMerges(new Map([['aaa', 1]]), { alphabet: ['a'], maxVocab: 10, minFrequency: 1 });
    expect(merges).toEqual([['a', 'a'], ['aa', 'a']]);
  });

  it('equals a from-scratch recount trainer on a random corpus', () => {
    const rng = new Xoshiro128StarStar(3);
    const alphabet = ['a', 'b', 'c', 'd', 'e'];
    const corpus = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const word = Array.from({ length: 1 + Math.floor(rng.nextFloat() * 9) }, () => alphabet[Math.floor(rng.nextFloat() ** 2 * 5)]).join('');
      corpus.set(word, (corpus.get(word) ?? 0) + 1 + Math.floor(rng.nextFloat() * 3));
    }
    const options = { alphabet, maxVocab: 80, minFrequency: 2 };
    const learned = learnMerges(corpus, options);
    expect(learned.merges.length).toBeGreaterThan(40);
    expect(learned).toEqual(naiveLearnMerges(corpus, options));
  });

  it('throws on a character outside the alphabet', () => {
    expect(() => learnMerges(new Map([['x', 1]]), { alphabet: ['a'], maxVocab: 2, minFrequency: 1 })).toThrow(/alphabet/);
  });
});

describe('byteLevelAlphabet', () => {
  it('maps printable bytes to themselves and the rest to U+0100 onwards', () => {
    const chars = byteLevelAlphabet();
    expect(new Set(chars).size).toBe(256);
    expect(chars[0x41]).toBe('A');
    // Bytes 0x00..0x20 are the first 33 unprintable ones: space (0x20) is #32 → U+0120 'Ġ', '\n' → U+010A 'Ċ'.
    expect(chars[0x20]).toBe('\u0120');
    expect(chars[0x0a]).toBe('\u010a');
    // 0xAD (soft hyphen) is the last unprintable byte: #67 → U+0143.
    expect(chars[0xad]).toBe('\u0143');
  });
});

describe('splitOnSpecialTokens', () => {
  it('drops specials and keeps the text around them, longest special first', () => {
    expect(splitOnSpecialTokens('a<|im_end|>b<|im_end|><|x|>', ['<|im_end|>', '<|x|>'])).toEqual(['a', 'b']);
    expect(splitOnSpecialTokens('<|ab|>', ['<|a', '<|ab|>'])).toEqual([]);
    expect(splitOnSpecialTokens('plain', [])).toEqual(['plain']);
  });
});

/** The textbook algorithm, written for clarity only: recount every pair of every word before each merge. */
function naiveLearnMerges(
  corpus: ReadonlyMap<string, number>,
  options: { alphabet: string[]; maxVocab: number; minFrequency: number },
): { tokens: string[]; merges: [string, string][] } {
  const tokens = [...options.alphabet];
  const merges: [string, string][] = [];
  const words = [...corpus].map(([text, count]) => ({ symbols: [...text].map((ch) => tokens.indexOf(ch)), count }));
  while (tokens.length < options.maxVocab) {
    const counts = new Map<string, number>();
    for (const { symbols, count } of words) {
      for (let i = 0; i + 1 < symbols.length; i++) {
        const key = `${symbols[i]},${symbols[i + 1]}`;
        counts.set(key, (counts.get(key) ?? 0) + count);
      }
    }
    let best: [number, number] | null = null;
    let bestCount = 0;
    for (const [key, count] of counts) {
      const [a, b] = key.split(',').map(Number) as [number, number];
      if (count > bestCount || (count === bestCount && best !== null && (a < best[0] || (a === best[0] && b < best[1])))) {
        best = [a, b];
        bestCount = count;
      }
    }
    if (best === null || bestCount < options.minFrequency) break;
    const text = tokens[best[0]]! + tokens[best[1]]!;
    let id = tokens.indexOf(text);
    if (id < 0) id = tokens.push(text) - 1;
    merges.push([tokens[best[0]]!, tokens[best[1]]!]);
    for (const word of words) {
      const out: number[] = [];
      for (let i = 0; i < word.symbols.length; i++) {
        if (word.symbols[i] === best[0] && word.symbols[i + 1] === best[1]) {
          out.push(id);
          i++;
        } else out.push(word.symbols[i]!);
      }
      word.symbols = out;
    }
  }
  return { tokens, merges };
}
