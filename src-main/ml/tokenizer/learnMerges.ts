import { PairQueue } from './PairQueue';

export interface LearnMergesOptions {
  /** Initial symbols, one character each; a symbol's id is its index. */
  alphabet: readonly string[];
  /** Stop once the vocabulary (alphabet + merged tokens) has this many entries. */
  maxVocab: number;
  /** A pair seen fewer times than this is not merged: merging a one-off only memorises it. */
  minFrequency: number;
}

export interface LearnedBpe {
  /** Token strings; the id of a token is its index. Starts with the alphabet. */
  tokens: string[];
  /** Merges in rank order (rank 0 is applied first by the encoder). */
  merges: [string, string][];
}

interface Word {
  symbols: number[];
  count: number;
}

// Pair keys pack two ids into one number so the counts live in a Map<number, number> instead of building
// strings in the inner loop. 2^21 ids is far beyond any vocabulary this project trains.
const PAIR_BASE = 1 << 21;
const pairKey = (a: number, b: number): number => a * PAIR_BASE + b;

/**
 * Byte-pair-encoding training: repeatedly merge the most frequent adjacent pair of symbols across the
 * counted words. Ties go to the smallest (left id, right id) so training is deterministic. Pair counts are
 * updated incrementally, touching only the words that contain the merged pair, and the best pair comes
 * from a heap rather than a scan of all pairs (a scan made 4k merges over 100k words take ~20 s).
 */
export function learnMerges(wordCounts: ReadonlyMap<string, number>, options: LearnMergesOptions): LearnedBpe {
  const tokens = [...options.alphabet];
  const idOf = new Map(tokens.map((token, id) => [token, id]));
  const merges: [string, string][] = [];

  const words: Word[] = [];
  for (const [text, count] of wordCounts) {
    const symbols = Array.from(text, (ch) => {
      const id = idOf.get(ch);
      if (id === undefined) throw new Error(`learnMerges: character U+${ch.codePointAt(0)?.toString(16)} is not in the alphabet`);
      return id;
    });
    words.push({ symbols, count });
  }

  const pairCount = new Map<number, number>();
  // Words that contain (or once contained) a pair. Never pruned: a word that lost the pair is simply a
  // no-op when that pair is merged, which is cheaper than deleting it from sets on every change.
  const wordsWithPair = new Map<number, Set<number>>();
  const queue = new PairQueue();
  const changed = new Set<number>();
  const bump = (key: number, delta: number, w: number): void => {
    const next = (pairCount.get(key) ?? 0) + delta;
    if (next === 0) pairCount.delete(key);
    else pairCount.set(key, next);
    changed.add(key);
    if (delta > 0) {
      let holders = wordsWithPair.get(key);
      if (!holders) wordsWithPair.set(key, (holders = new Set()));
      holders.add(w);
    }
  };
  // Queue each changed pair once with its final count, not once per word that touched it.
  const queueChanged = (): void => {
    for (const key of changed) {
      const count = pairCount.get(key);
      if (count !== undefined) queue.push(count, key);
    }
    changed.clear();
  };
  words.forEach(({ symbols, count }, w) => {
    for (let i = 0; i + 1 < symbols.length; i++) bump(pairKey(symbols[i]!, symbols[i + 1]!), count, w);
  });
  queueChanged();

  while (tokens.length < options.maxVocab) {
    const best = queue.popCurrent((key) => pairCount.get(key) ?? 0);
    if (best === undefined || best.count < Math.max(1, options.minFrequency)) break;

    const left = Math.floor(best.key / PAIR_BASE);
    const right = best.key % PAIR_BASE;
    const merged = tokens[left]! + tokens[right]!;
    // Two different merge paths can spell the same string ("ab"+"c", "a"+"bc"): both map to one id.
    let mergedId = idOf.get(merged);
    if (mergedId === undefined) {
      mergedId = tokens.length;
      tokens.push(merged);
      idOf.set(merged, mergedId);
    }
    merges.push([tokens[left]!, tokens[right]!]);

    for (const w of wordsWithPair.get(best.key) ?? []) {
      const word = words[w]!;
      word.symbols = mergeInWord(word.symbols, left, right, mergedId, (key, delta) => bump(key, delta * word.count, w));
    }
    wordsWithPair.delete(best.key);
    queueChanged();
  }
  return { tokens, merges };
}

/**
 * Left-to-right, non-overlapping replacement of (left, right) by merged — what the encoder does too —
 * reporting only the pair counts that change. The neighbour on the left is taken from the output, which
 * already holds the previous merge, so back-to-back occurrences ("abab") are counted right.
 */
function mergeInWord(
  symbols: readonly number[],
  left: number,
  right: number,
  merged: number,
  bump: (key: number, delta: number) => void,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < symbols.length; i++) {
    if (i + 1 < symbols.length && symbols[i] === left && symbols[i + 1] === right) {
      bump(pairKey(left, right), -1);
      if (out.length > 0) {
        const prev = out[out.length - 1]!;
        bump(pairKey(prev, left), -1);
        bump(pairKey(prev, merged), 1);
      }
      if (i + 2 < symbols.length) {
        const next = symbols[i + 2]!;
        bump(pairKey(right, next), -1);
        bump(pairKey(merged, next), 1);
      }
      out.push(merged);
      i++;
    } else {
      out.push(symbols[i]!);
    }
  }
  return out;
}
